import type { ConfigRepositoryOptions } from '../core/config-rules';
import { configRepository, configSelects, joined, type EngineConfigSql } from '../core/config-repository';
import type { ConfigRepository } from '../port';
import type { Db } from './connection';
import { requireSchema } from './migrate';
import { sqliteEngine } from './sql-engine';

const select = configSelects;

/** `is_current = 1`, as the partial indexes on the current rows are written, so that they are used. */
export const sqliteConfigSql: EngineConfigSql = {
  sectors: `${select.sector} ORDER BY display_order, focus_group_id`,
  // The IMMEDIATE transaction already holds the file's write lock.
  sectorForWrite: `${select.sector} WHERE focus_group_id = $1`,
  dimensions: `${select.dimension} ORDER BY display_order, dimension_id`,
  currentWeights: `${select.weight} WHERE w.focus_group_id = $1 AND w.is_current = 1`,
  currentCalibrations: `${select.calibration} WHERE c.focus_group_id = $1 AND c.is_current = 1
    ORDER BY c.calibration_id`,
  calibrationVersions: `${select.calibrationVersion} WHERE c.focus_group_id = $1
    ORDER BY c.parameter_name, c.change_set_id, c.calibration_id`,
  currentWeight: `SELECT weight_id AS id, weight AS value, effective_from FROM focus_group_dimension_weights
    WHERE focus_group_id = $1 AND dimension_id = $2 AND is_current = 1`,
  currentCalibration: `SELECT calibration_id AS id, parameter_value AS value, effective_from, parameter_type,
    description FROM focus_group_calibrations WHERE focus_group_id = $1 AND parameter_name = $2 AND is_current = 1`,
  closeWeight:
    'UPDATE focus_group_dimension_weights SET is_current = 0, effective_to = $2 WHERE weight_id = $1',
  closeCalibration:
    'UPDATE focus_group_calibrations SET is_current = 0, effective_to = $2 WHERE calibration_id = $1',
  now: "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now",
};

/** The configuration repository on one SQLite connection (the writer's or the reader's worker). */
export function sqliteConfigRepository(db: Db, options: ConfigRepositoryOptions = {}): ConfigRepository {
  requireSchema(db);
  return joined(configRepository(sqliteEngine(db), sqliteConfigSql, options));
}
