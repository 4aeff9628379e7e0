import type { ConfigHistory, FocusGroup, SectorDetails } from '../../shared/domain';
import type { Db } from './connection';
import {
  calibrationExists,
  noCalibration,
  nothingToRevert,
  requireDimension,
  requireVersion,
  revertChange,
  sectorDetails,
  sectorHistory,
  supersedeStep,
  unknownSector,
  utcToday,
  weightEdits,
  type CalibrationRow,
  type ConfigRepositoryOptions,
  type CurrentRow,
  type DimensionRow,
  type VersionRow,
  type WeightRow,
} from '../core/config-rules';
import { sqliteConfigShare } from '../core/config-share';

import { requireSchema } from './migrate';
import type { ConfigRepository } from '../port';

interface GroupRow extends Omit<FocusGroup, 'is_active'> {
  is_active: number;
}

type StoredVersionRow = Omit<VersionRow, 'is_current'> & { is_current: number };

const version = (row: StoredVersionRow | undefined): VersionRow | undefined =>
  row && { ...row, is_current: row.is_current === 1 };

type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** The configuration repository over one SQLite connection, answering synchronously. */
export type SqliteConfigRepository = Sync<ConfigRepository>;

export function sqliteConfigRepository(
  db: Db,
  options: ConfigRepositoryOptions = {},
): SqliteConfigRepository {
  requireSchema(db);
  const today = options.today ?? utcToday;
  const inForce = (alias: string) =>
    `${alias}.effective_from <= @day AND (${alias}.effective_to IS NULL OR ${alias}.effective_to > @day)`;
  const weightColumns = 'weight_id, dimension_id, weight, weight_rationale AS rationale, effective_from';
  const calibrationColumns = `calibration_id, parameter_name, parameter_value AS value, parameter_type, description,
    rationale, effective_from`;
  const statements = {
    sectors: db.prepare<[], GroupRow>(
      `SELECT focus_group_id, platform, group_name, group_code, display_order, is_active
       FROM focus_groups ORDER BY display_order, focus_group_id`,
    ),
    sector: db.prepare<[string], GroupRow>(
      `SELECT focus_group_id, platform, group_name, group_code, display_order, is_active
       FROM focus_groups WHERE focus_group_id = ?`,
    ),
    anySector: db.prepare<[], number>('SELECT 1 FROM focus_groups LIMIT 1').pluck(),
    dimensions: db.prepare<[], DimensionRow>(
      `SELECT dimension_id, dimension_name, dimension_code, display_order, description
       FROM dimensions ORDER BY display_order, dimension_id`,
    ),
    currentWeights: db.prepare<{ id: string }, WeightRow>(
      `SELECT ${weightColumns} FROM focus_group_dimension_weights WHERE focus_group_id = @id AND is_current = 1`,
    ),
    weightsOn: db.prepare<{ id: string; day: string }, WeightRow>(
      `SELECT ${weightColumns} FROM focus_group_dimension_weights AS w WHERE focus_group_id = @id AND ${inForce('w')}`,
    ),
    currentCalibrations: db.prepare<{ id: string }, CalibrationRow>(
      `SELECT ${calibrationColumns} FROM focus_group_calibrations
       WHERE focus_group_id = @id AND is_current = 1 ORDER BY calibration_id`,
    ),
    calibrationsOn: db.prepare<{ id: string; day: string }, CalibrationRow>(
      `SELECT ${calibrationColumns} FROM focus_group_calibrations AS c WHERE focus_group_id = @id AND ${inForce('c')}
       ORDER BY calibration_id`,
    ),
    weightVersions: db.prepare<[string], StoredVersionRow>(
      `SELECT weight_id AS version_id, dimension_id AS key, weight AS value, effective_from, effective_to,
              is_current, weight_rationale AS rationale
       FROM focus_group_dimension_weights WHERE focus_group_id = ? ORDER BY effective_from, weight_id`,
    ),
    calibrationVersions: db.prepare<[string], StoredVersionRow>(
      `SELECT calibration_id AS version_id, parameter_name AS key, parameter_value AS value, effective_from,
              effective_to, is_current, rationale
       FROM focus_group_calibrations WHERE focus_group_id = ? ORDER BY parameter_name, effective_from, calibration_id`,
    ),
    weightVersion: db.prepare<[number, string], StoredVersionRow>(
      `SELECT weight_id AS version_id, dimension_id AS key, weight AS value, effective_from, effective_to,
              is_current, weight_rationale AS rationale
       FROM focus_group_dimension_weights WHERE weight_id = ? AND focus_group_id = ?`,
    ),
    calibrationVersion: db.prepare<[number, string], StoredVersionRow>(
      `SELECT calibration_id AS version_id, parameter_name AS key, parameter_value AS value, effective_from,
              effective_to, is_current, rationale
       FROM focus_group_calibrations WHERE calibration_id = ? AND focus_group_id = ?`,
    ),
    currentWeight: db.prepare<[string, string], CurrentRow>(
      `SELECT weight_id AS id, weight AS value, effective_from FROM focus_group_dimension_weights
       WHERE focus_group_id = ? AND dimension_id = ? AND is_current = 1`,
    ),
    // A revision is a new version: it takes the next id (the IMMEDIATE transaction keeps max() ours).
    reviseWeight: db.prepare(
      `UPDATE focus_group_dimension_weights SET weight = @value, weight_rationale = @rationale,
         weight_id = (SELECT max(weight_id) + 1 FROM focus_group_dimension_weights)
       WHERE weight_id = @id`,
    ),
    closeWeight: db.prepare(
      `UPDATE focus_group_dimension_weights SET is_current = 0, effective_to = @today WHERE weight_id = @id`,
    ),
    insertWeight: db.prepare(
      `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
       VALUES (@focus_group_id, @key, @value, @rationale, @today)`,
    ),
    currentCalibration: db.prepare<[string, string], CurrentRow & Omit<CalibrationRow, 'value'>>(
      `SELECT calibration_id AS id, parameter_value AS value, effective_from, parameter_name, parameter_type,
              description, rationale
       FROM focus_group_calibrations WHERE focus_group_id = ? AND parameter_name = ? AND is_current = 1`,
    ),
    reviseCalibration: db.prepare(
      `UPDATE focus_group_calibrations SET parameter_value = @value, rationale = @rationale,
         calibration_id = (SELECT max(calibration_id) + 1 FROM focus_group_calibrations)
       WHERE calibration_id = @id`,
    ),
    closeCalibration: db.prepare(
      `UPDATE focus_group_calibrations SET is_current = 0, effective_to = @today WHERE calibration_id = @id`,
    ),
    insertCalibration: db.prepare(
      `INSERT INTO focus_group_calibrations
         (focus_group_id, parameter_name, parameter_value, parameter_type, description, rationale, effective_from)
       VALUES (@focus_group_id, @key, @value, @parameter_type, @description, @rationale, @today)`,
    ),
  };

  function requireSector(focusGroupId: string): FocusGroup {
    const row = statements.sector.get(focusGroupId);
    if (!row) throw unknownSector(focusGroupId, statements.anySector.get() !== undefined);
    return { ...row, is_active: row.is_active === 1 };
  }

  function dimensions(): DimensionRow[] {
    return statements.dimensions.all();
  }

  function supersede(
    current: CurrentRow | undefined,
    value: number,
    rationale: string,
    rows: {
      revise: typeof statements.reviseWeight;
      close: typeof statements.closeWeight;
      insert: () => void;
    },
  ): boolean {
    const day = today();
    const step = supersedeStep(current, value, day);
    if (step === 'none') return false;
    if (step === 'revise' && current) {
      rows.revise.run({ id: current.id, value, rationale });
      return true;
    }
    if (current) rows.close.run({ id: current.id, today: day });
    rows.insert();
    return true;
  }

  function setWeight(
    focusGroupId: string,
    dimension: DimensionRow,
    value: number,
    rationale: string,
    expected?: number,
  ): boolean {
    const current = statements.currentWeight.get(focusGroupId, dimension.dimension_id);
    requireVersion(expected, current, 'weight', dimension.dimension_name);
    return supersede(current, value, rationale, {
      revise: statements.reviseWeight,
      close: statements.closeWeight,
      insert: () =>
        statements.insertWeight.run({
          focus_group_id: focusGroupId,
          key: dimension.dimension_id,
          value,
          rationale,
          today: today(),
        }),
    });
  }

  function setCalibration(
    focusGroupId: string,
    name: string,
    value: number,
    rationale: string,
    expected?: number,
  ): boolean {
    const current = statements.currentCalibration.get(focusGroupId, name);
    if (!current) throw noCalibration(requireSector(focusGroupId).group_name, name);
    requireVersion(expected, current, 'calibration', name);
    return supersede(current, value, rationale, {
      revise: statements.reviseCalibration,
      close: statements.closeCalibration,
      insert: () =>
        statements.insertCalibration.run({
          focus_group_id: focusGroupId,
          key: name,
          value,
          parameter_type: current.parameter_type,
          description: current.description,
          rationale,
          today: today(),
        }),
    });
  }

  function addCalibration(input: Parameters<ConfigRepository['addCalibration']>[0]): void {
    const group = requireSector(input.focus_group_id);
    if (statements.currentCalibration.get(input.focus_group_id, input.parameter_name)) {
      throw calibrationExists(group.group_name, input.parameter_name);
    }
    statements.insertCalibration.run({
      focus_group_id: input.focus_group_id,
      key: input.parameter_name,
      value: input.value,
      parameter_type: input.parameter_type,
      description: input.description,
      rationale: input.rationale,
      today: today(),
    });
  }

  function load(focusGroupId: string, asOf: string | null) {
    const group = requireSector(focusGroupId);
    const weights =
      asOf === null
        ? statements.currentWeights.all({ id: focusGroupId })
        : statements.weightsOn.all({ id: focusGroupId, day: asOf });
    const calibrations =
      asOf === null
        ? statements.currentCalibrations.all({ id: focusGroupId })
        : statements.calibrationsOn.all({ id: focusGroupId, day: asOf });
    return sectorDetails(group, dimensions(), weights, calibrations, asOf);
  }

  function history(focusGroupId: string): ConfigHistory {
    const group = requireSector(focusGroupId);
    const all = (rows: StoredVersionRow[]) => rows.flatMap((row) => version(row) ?? []);
    return sectorHistory(
      group,
      dimensions(),
      all(statements.weightVersions.all(focusGroupId)),
      all(statements.calibrationVersions.all(focusGroupId)),
    );
  }

  function revert(input: Parameters<ConfigRepository['revert']>[0]): void {
    const group = requireSector(input.focus_group_id);
    const row = version(
      input.kind === 'weight'
        ? statements.weightVersion.get(input.version_id, input.focus_group_id)
        : statements.calibrationVersion.get(input.version_id, input.focus_group_id),
    );
    const change = revertChange(group, input, row);
    const changed =
      input.kind === 'weight'
        ? setWeight(
            input.focus_group_id,
            requireDimension(dimensions(), change.key),
            change.value,
            change.rationale,
            input.current_id,
          )
        : setCalibration(input.focus_group_id, change.key, change.value, change.rationale, input.current_id);
    if (!changed) throw nothingToRevert(change.shown);
  }

  const updateWeights = db.transaction((input: Parameters<ConfigRepository['updateWeights']>[0]) => {
    requireSector(input.focus_group_id);
    let changed = 0;
    for (const { dimension, weight, weight_id } of weightEdits(dimensions(), input.weights)) {
      if (setWeight(input.focus_group_id, dimension, weight, input.rationale, weight_id)) changed++;
    }
    return changed;
  });

  const updateCalibration = db.transaction((input: Parameters<ConfigRepository['updateCalibration']>[0]) =>
    setCalibration(
      input.focus_group_id,
      input.parameter_name,
      input.value,
      input.rationale,
      input.calibration_id,
    )
      ? 1
      : 0,
  );
  const add = db.transaction(addCalibration);
  const revertTo = db.transaction(revert);

  const core = {
    listSectors: (): FocusGroup[] =>
      statements.sectors.all().map((r) => ({ ...r, is_active: r.is_active === 1 })),
    listDimensions: () => dimensions().map(({ description: _, ...d }) => d),
    loadSectorConfig: (focusGroupId: string, asOf?: string | null) => load(focusGroupId, asOf ?? null).config,
    loadSectorDetails(focusGroupId: string, asOf?: string | null): SectorDetails {
      const { config, weights, calibrations } = load(focusGroupId, asOf ?? null);
      return { config: config.toJSON(), weights, calibrations };
    },
    history,
    updateWeights: (input: Parameters<ConfigRepository['updateWeights']>[0]) =>
      updateWeights.immediate(input),
    updateCalibration: (input: Parameters<ConfigRepository['updateCalibration']>[0]) =>
      updateCalibration.immediate(input),
    addCalibration: (input: Parameters<ConfigRepository['addCalibration']>[0]) => add.immediate(input),
    revert: (input: Parameters<ConfigRepository['revert']>[0]) => revertTo.immediate(input),
  };
  return { ...core, ...sqliteConfigShare(db, core) };
}

/** The same repository behind the asynchronous interface the services use, on this thread. */
export function createConfigRepository(db: Db, options: ConfigRepositoryOptions = {}): ConfigRepository {
  const repo = sqliteConfigRepository(db, options);
  return {
    listSectors: async () => repo.listSectors(),
    listDimensions: async () => repo.listDimensions(),
    loadSectorConfig: async (id, asOf) => repo.loadSectorConfig(id, asOf),
    loadSectorDetails: async (id, asOf) => repo.loadSectorDetails(id, asOf),
    history: async (id) => repo.history(id),
    updateWeights: async (input) => repo.updateWeights(input),
    updateCalibration: async (input) => repo.updateCalibration(input),
    addCalibration: async (input) => repo.addCalibration(input),
    revert: async (input) => repo.revert(input),
    exportDocument: async (id) => repo.exportDocument(id),
    previewImport: async (text) => repo.previewImport(text),
    importDocument: async (text) => repo.importDocument(text),
  };
}
