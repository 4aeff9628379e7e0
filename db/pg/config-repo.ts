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
  currentWeights: `${select.weight} WHERE w.focus_group_id = $1 AND w.is_current`,
  currentCalibrations: `${select.calibration} WHERE c.focus_group_id = $1 AND c.is_current ORDER BY c.calibration_id`,
  calibrationVersions: `${select.calibrationVersion} WHERE c.focus_group_id = $1
    ORDER BY c.parameter_name COLLATE "C", c.change_set_id, c.calibration_id`,
  currentWeight: `SELECT weight_id AS id, weight AS value, effective_from FROM focus_group_dimension_weights
    WHERE focus_group_id = $1 AND dimension_id = $2 AND is_current FOR UPDATE`,
  currentCalibration: `SELECT calibration_id AS id, parameter_value AS value, effective_from, parameter_type,
    description FROM focus_group_calibrations WHERE focus_group_id = $1 AND parameter_name = $2 AND is_current
    FOR UPDATE`,
  closeWeight:
    'UPDATE focus_group_dimension_weights SET is_current = FALSE, effective_to = $2 WHERE weight_id = $1',
  closeCalibration:
    'UPDATE focus_group_calibrations SET is_current = FALSE, effective_to = $2 WHERE calibration_id = $1',
  // The server's clock, not the laptop's: one clock orders every analyst's change sets.
  now: `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`,
};

export function pgConfigRepository(pool: pg.Pool, options: ConfigRepositoryOptions = {}): ConfigRepository {
  return joined(configRepository(pgEngine(pool), pgConfigSql, options));
}
