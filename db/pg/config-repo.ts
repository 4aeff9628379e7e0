import type pg from 'pg';
import type { ConfigRepositoryOptions } from '../core/config-rules';
import { configRepository, configSelects, joined, type EngineConfigSql } from '../core/config-repository';
import type { ConfigRepository } from '../port';
import { pgEngine } from './sql-engine';

const select = configSelects;

/**
 * Names sort by their bytes (COLLATE "C"), as SQLite sorts them, whatever the server's default
 * collation. Every write first locks its sector's row (FOR NO KEY UPDATE, which organization inserts
 * referencing the sector do not wait for) and then the current row it replaces (FOR UPDATE), so that
 * the version check and the effective dating read what the previous writer committed.
 */
export const pgConfigSql: EngineConfigSql = {
  sectors: `${select.sector} ORDER BY display_order, focus_group_id COLLATE "C"`,
  sectorForWrite: `${select.sector} WHERE focus_group_id = $1 FOR NO KEY UPDATE`,
  dimensions: `${select.dimension} ORDER BY display_order, dimension_id COLLATE "C"`,
  currentWeights: `${select.weight} WHERE focus_group_id = $1 AND is_current`,
  currentCalibrations: `${select.calibration} WHERE focus_group_id = $1 AND is_current ORDER BY calibration_id`,
  calibrationVersions: `${select.calibrationVersion} WHERE focus_group_id = $1
    ORDER BY parameter_name COLLATE "C", effective_from, calibration_id`,
  currentWeight: `SELECT weight_id AS id, weight AS value, effective_from FROM focus_group_dimension_weights
    WHERE focus_group_id = $1 AND dimension_id = $2 AND is_current FOR UPDATE`,
  currentCalibration: `SELECT calibration_id AS id, parameter_value AS value, effective_from, parameter_type,
    description FROM focus_group_calibrations WHERE focus_group_id = $1 AND parameter_name = $2 AND is_current
    FOR UPDATE`,
  reviseWeight: `UPDATE focus_group_dimension_weights SET weight = $2, weight_rationale = $3,
    weight_id = nextval(pg_get_serial_sequence('focus_group_dimension_weights', 'weight_id')) WHERE weight_id = $1`,
  reviseCalibration: `UPDATE focus_group_calibrations SET parameter_value = $2, rationale = $3,
    calibration_id = nextval(pg_get_serial_sequence('focus_group_calibrations', 'calibration_id'))
    WHERE calibration_id = $1`,
  closeWeight:
    'UPDATE focus_group_dimension_weights SET is_current = FALSE, effective_to = $2 WHERE weight_id = $1',
  closeCalibration:
    'UPDATE focus_group_calibrations SET is_current = FALSE, effective_to = $2 WHERE calibration_id = $1',
};

export function pgConfigRepository(pool: pg.Pool, options: ConfigRepositoryOptions = {}): ConfigRepository {
  return joined(configRepository(pgEngine(pool), pgConfigSql, options));
}
