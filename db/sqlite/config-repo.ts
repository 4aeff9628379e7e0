import type { ConfigRepositoryOptions } from '../core/config-rules';
import { configColumns, configRepository, joined, type ConfigSql } from '../core/config-repository';
import type { ConfigRepository } from '../port';
import type { Db } from './connection';
import { requireSchema } from './migrate';
import { sqliteEngine } from './sql-engine';

const { sector, dimension, inForce } = configColumns;
const group = `SELECT ${sector} FROM focus_groups`;
const weight = `SELECT ${configColumns.weight} FROM focus_group_dimension_weights`;
const calibration = `SELECT ${configColumns.calibration} FROM focus_group_calibrations`;
const weightVersion = `SELECT ${configColumns.weightVersion} FROM focus_group_dimension_weights`;
const calibrationVersion = `SELECT ${configColumns.calibrationVersion} FROM focus_group_calibrations`;

/** `is_current = 1`, as the partial indexes on the current rows are written, so that they are used. */
export const sqliteConfigSql: ConfigSql = {
  sectors: `${group} ORDER BY display_order, focus_group_id`,
  sector: `${group} WHERE focus_group_id = $1`,
  // The IMMEDIATE transaction already holds the file's write lock.
  sectorForWrite: `${group} WHERE focus_group_id = $1`,
  anySector: 'SELECT 1 AS found FROM focus_groups LIMIT 1',
  dimensions: `SELECT ${dimension} FROM dimensions ORDER BY display_order, dimension_id`,
  currentWeights: `${weight} WHERE focus_group_id = $1 AND is_current = 1`,
  weightsOn: `${weight} WHERE focus_group_id = $1 AND ${inForce}`,
  currentCalibrations: `${calibration} WHERE focus_group_id = $1 AND is_current = 1 ORDER BY calibration_id`,
  calibrationsOn: `${calibration} WHERE focus_group_id = $1 AND ${inForce} ORDER BY calibration_id`,
  weightVersions: `${weightVersion} WHERE focus_group_id = $1 ORDER BY effective_from, weight_id`,
  calibrationVersions: `${calibrationVersion} WHERE focus_group_id = $1
    ORDER BY parameter_name, effective_from, calibration_id`,
  weightVersion: `${weightVersion} WHERE weight_id = $1 AND focus_group_id = $2`,
  calibrationVersion: `${calibrationVersion} WHERE calibration_id = $1 AND focus_group_id = $2`,
  currentWeight: `SELECT weight_id AS id, weight AS value, effective_from FROM focus_group_dimension_weights
    WHERE focus_group_id = $1 AND dimension_id = $2 AND is_current = 1`,
  currentCalibration: `SELECT calibration_id AS id, parameter_value AS value, effective_from, parameter_type,
    description FROM focus_group_calibrations WHERE focus_group_id = $1 AND parameter_name = $2 AND is_current = 1`,
  // The next id is max() + 1: the IMMEDIATE transaction keeps max() ours.
  reviseWeight: `UPDATE focus_group_dimension_weights SET weight = $2, weight_rationale = $3,
    weight_id = (SELECT max(weight_id) + 1 FROM focus_group_dimension_weights) WHERE weight_id = $1`,
  reviseCalibration: `UPDATE focus_group_calibrations SET parameter_value = $2, rationale = $3,
    calibration_id = (SELECT max(calibration_id) + 1 FROM focus_group_calibrations) WHERE calibration_id = $1`,
  closeWeight:
    'UPDATE focus_group_dimension_weights SET is_current = 0, effective_to = $2 WHERE weight_id = $1',
  closeCalibration:
    'UPDATE focus_group_calibrations SET is_current = 0, effective_to = $2 WHERE calibration_id = $1',
  insertWeight: `INSERT INTO focus_group_dimension_weights
    (focus_group_id, dimension_id, weight, weight_rationale, effective_from) VALUES ($1, $2, $3, $4, $5)`,
  insertCalibration: `INSERT INTO focus_group_calibrations
    (focus_group_id, parameter_name, parameter_value, parameter_type, description, rationale, effective_from)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
};

/** The configuration repository on one SQLite connection (the writer's or the reader's worker). */
export function sqliteConfigRepository(db: Db, options: ConfigRepositoryOptions = {}): ConfigRepository {
  requireSchema(db);
  return joined(configRepository(sqliteEngine(db), sqliteConfigSql, options));
}
