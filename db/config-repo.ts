import type {
  CalibrationDetail,
  CalibrationType,
  ConfigHistory,
  ConfigItemKind,
  ConfigVersion,
  Dimension,
  FocusGroup,
  SectorDetails,
  WeightDetail,
} from '../shared/domain';
import { AppError } from '../shared/errors';
import { formatCalibration, formatWeight, SectorConfig } from '../shared/sector-config';
import type { Db } from './connection';
import { sqliteConfigShare } from './config-share';
import { requireSchema } from './migrate';
import type { ConfigRepository } from './repositories';

interface GroupRow {
  focus_group_id: string;
  platform: string;
  group_name: string;
  group_code: string;
  display_order: number;
  is_active: number;
}

interface DimensionRow extends Dimension {
  description: string | null;
}

interface WeightRow {
  dimension_id: string;
  weight: number;
  rationale: string | null;
  effective_from: string;
}

interface CalibrationRow {
  parameter_name: string;
  value: number;
  parameter_type: CalibrationType;
  description: string | null;
  rationale: string | null;
  effective_from: string;
}

interface CurrentRow {
  id: number;
  value: number;
  effective_from: string;
}

interface VersionRow {
  version_id: number;
  key: string;
  value: number;
  effective_from: string;
  effective_to: string | null;
  is_current: number;
  rationale: string | null;
}

type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** The configuration repository over one SQLite connection, answering synchronously. */
export type SqliteConfigRepository = Sync<ConfigRepository>;

export interface ConfigRepositoryOptions {
  /** Today's date (YYYY-MM-DD, UTC) for new versions; tests move it to build a history. */
  today?: () => string;
}

const utcToday = (): string => new Date().toISOString().slice(0, 10);

export function sqliteConfigRepository(
  db: Db,
  options: ConfigRepositoryOptions = {},
): SqliteConfigRepository {
  requireSchema(db);
  const today = options.today ?? utcToday;
  const inForce = (alias: string) =>
    `${alias}.effective_from <= @day AND (${alias}.effective_to IS NULL OR ${alias}.effective_to > @day)`;
  const statements = {
    sectors: db.prepare<[], GroupRow>(
      `SELECT focus_group_id, platform, group_name, group_code, display_order, is_active
       FROM focus_groups ORDER BY display_order, focus_group_id`,
    ),
    sector: db.prepare<[string], GroupRow>(
      `SELECT focus_group_id, platform, group_name, group_code, display_order, is_active
       FROM focus_groups WHERE focus_group_id = ?`,
    ),
    dimensions: db.prepare<[], DimensionRow>(
      `SELECT dimension_id, dimension_name, dimension_code, display_order, description
       FROM dimensions ORDER BY display_order, dimension_id`,
    ),
    currentWeights: db.prepare<{ id: string }, WeightRow>(
      `SELECT dimension_id, weight, weight_rationale AS rationale, effective_from
       FROM focus_group_dimension_weights WHERE focus_group_id = @id AND is_current = 1`,
    ),
    weightsOn: db.prepare<{ id: string; day: string }, WeightRow>(
      `SELECT dimension_id, weight, weight_rationale AS rationale, effective_from
       FROM focus_group_dimension_weights AS w WHERE focus_group_id = @id AND ${inForce('w')}`,
    ),
    currentCalibrations: db.prepare<{ id: string }, CalibrationRow>(
      `SELECT parameter_name, parameter_value AS value, parameter_type, description, rationale, effective_from
       FROM focus_group_calibrations WHERE focus_group_id = @id AND is_current = 1 ORDER BY calibration_id`,
    ),
    calibrationsOn: db.prepare<{ id: string; day: string }, CalibrationRow>(
      `SELECT parameter_name, parameter_value AS value, parameter_type, description, rationale, effective_from
       FROM focus_group_calibrations AS c WHERE focus_group_id = @id AND ${inForce('c')}
       ORDER BY calibration_id`,
    ),
    weightVersions: db.prepare<[string], VersionRow>(
      `SELECT weight_id AS version_id, dimension_id AS key, weight AS value, effective_from, effective_to,
              is_current, weight_rationale AS rationale
       FROM focus_group_dimension_weights WHERE focus_group_id = ? ORDER BY effective_from, weight_id`,
    ),
    calibrationVersions: db.prepare<[string], VersionRow>(
      `SELECT calibration_id AS version_id, parameter_name AS key, parameter_value AS value, effective_from,
              effective_to, is_current, rationale
       FROM focus_group_calibrations WHERE focus_group_id = ? ORDER BY parameter_name, effective_from, calibration_id`,
    ),
    weightVersion: db.prepare<[number, string], VersionRow>(
      `SELECT weight_id AS version_id, dimension_id AS key, weight AS value, effective_from, effective_to,
              is_current, weight_rationale AS rationale
       FROM focus_group_dimension_weights WHERE weight_id = ? AND focus_group_id = ?`,
    ),
    calibrationVersion: db.prepare<[number, string], VersionRow>(
      `SELECT calibration_id AS version_id, parameter_name AS key, parameter_value AS value, effective_from,
              effective_to, is_current, rationale
       FROM focus_group_calibrations WHERE calibration_id = ? AND focus_group_id = ?`,
    ),
    currentWeight: db.prepare<[string, string], CurrentRow>(
      `SELECT weight_id AS id, weight AS value, effective_from FROM focus_group_dimension_weights
       WHERE focus_group_id = ? AND dimension_id = ? AND is_current = 1`,
    ),
    reviseWeight: db.prepare(
      'UPDATE focus_group_dimension_weights SET weight = @value, weight_rationale = @rationale WHERE weight_id = @id',
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
      'UPDATE focus_group_calibrations SET parameter_value = @value, rationale = @rationale WHERE calibration_id = @id',
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

  function requireSector(focusGroupId: string): GroupRow {
    const row = statements.sector.get(focusGroupId);
    if (row) return row;
    if (statements.sectors.all().length === 0) {
      throw new AppError('NOT_SEEDED', 'No sectors yet: seed the focus groups and dimensions first');
    }
    throw new AppError('NOT_FOUND', `Unknown sector: ${focusGroupId}`);
  }

  function dimensions(): DimensionRow[] {
    return statements.dimensions.all();
  }

  /** A dimension by its code (`talent`) or its id (`pe_dim_talent`). */
  function requireDimension(key: string): DimensionRow {
    const dimension = dimensions().find((d) => d.dimension_code === key || d.dimension_id === key);
    if (!dimension) throw new AppError('NOT_FOUND', `Unknown dimension: ${key}`);
    return dimension;
  }

  /**
   * Effective dating is by day: the current row is closed and a new one dated today becomes
   * current; a second change on the same day revises that day's row (as does a change to a row a
   * clock ahead of ours dated later). Returns false when the value is already what is asked.
   */
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
    if (current?.value === value) return false;
    const day = today();
    if (current && current.effective_from >= day) {
      rows.revise.run({ id: current.id, value, rationale });
      return true;
    }
    if (current) rows.close.run({ id: current.id, today: day });
    rows.insert();
    return true;
  }

  function setWeight(focusGroupId: string, dimensionId: string, value: number, rationale: string): boolean {
    return supersede(statements.currentWeight.get(focusGroupId, dimensionId), value, rationale, {
      revise: statements.reviseWeight,
      close: statements.closeWeight,
      insert: () =>
        statements.insertWeight.run({
          focus_group_id: focusGroupId,
          key: dimensionId,
          value,
          rationale,
          today: today(),
        }),
    });
  }

  function setCalibration(focusGroupId: string, name: string, value: number, rationale: string): boolean {
    const current = statements.currentCalibration.get(focusGroupId, name);
    if (!current) {
      const group = requireSector(focusGroupId);
      throw new AppError(
        'NOT_FOUND',
        `${group.group_name} has no calibration named ${name}: add it as a new parameter instead`,
      );
    }
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
      throw new AppError(
        'CONFLICT',
        `${group.group_name} already has ${input.parameter_name}: change its value instead`,
      );
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
    const dims = dimensions();
    const weightRows =
      asOf === null
        ? statements.currentWeights.all({ id: focusGroupId })
        : statements.weightsOn.all({ id: focusGroupId, day: asOf });
    const calibrations =
      asOf === null
        ? statements.currentCalibrations.all({ id: focusGroupId })
        : statements.calibrationsOn.all({ id: focusGroupId, day: asOf });
    if (asOf !== null && weightRows.length === 0 && calibrations.length === 0) {
      throw new AppError('NOT_FOUND', `${group.group_name} had no configuration in force on ${asOf}`);
    }
    const byId = new Map(weightRows.map((row) => [row.dimension_id, row]));
    const weights: WeightDetail[] = dims.flatMap((d) => {
      const row = byId.get(d.dimension_id);
      if (!row) return [];
      return [
        {
          dimension_id: d.dimension_id,
          dimension_code: d.dimension_code,
          dimension_name: d.dimension_name,
          description: d.description,
          weight: row.weight,
          rationale: row.rationale,
          effective_from: row.effective_from,
        },
      ];
    });
    const config = new SectorConfig({
      focusGroupId: group.focus_group_id,
      groupName: group.group_name,
      groupCode: group.group_code,
      dimensionWeights: Object.fromEntries(weights.map((w) => [w.dimension_code, w.weight])),
      dimensionIds: Object.fromEntries(weights.map((w) => [w.dimension_code, w.dimension_id])),
      calibrations: Object.fromEntries(calibrations.map((c) => [c.parameter_name, c.value])),
      asOf,
    });
    return { config, weights, calibrations: calibrations satisfies CalibrationDetail[] };
  }

  function history(focusGroupId: string): ConfigHistory {
    const group = requireSector(focusGroupId);
    const dims = dimensions();
    const order = new Map(dims.map((d, i) => [d.dimension_id, i]));
    const version = (kind: ConfigItemKind, row: VersionRow, key: string, label: string): ConfigVersion => ({
      version_id: row.version_id,
      kind,
      key,
      label,
      value: row.value,
      effective_from: row.effective_from,
      effective_to: row.effective_to,
      is_current: row.is_current === 1,
      rationale: row.rationale,
    });
    const weights = statements.weightVersions
      .all(focusGroupId)
      .sort((a, b) => (order.get(a.key) ?? Infinity) - (order.get(b.key) ?? Infinity))
      .map((row) => {
        const d = dims.find((dim) => dim.dimension_id === row.key);
        return version('weight', row, d?.dimension_code ?? row.key, d?.dimension_name ?? row.key);
      });
    const calibrations = statements.calibrationVersions
      .all(focusGroupId)
      .map((row) => version('calibration', row, row.key, row.key));
    return {
      focus_group_id: group.focus_group_id,
      group_name: group.group_name,
      versions: [...weights, ...calibrations],
    };
  }

  function revert(input: Parameters<ConfigRepository['revert']>[0]): void {
    const group = requireSector(input.focus_group_id);
    const row =
      input.kind === 'weight'
        ? statements.weightVersion.get(input.version_id, input.focus_group_id)
        : statements.calibrationVersion.get(input.version_id, input.focus_group_id);
    if (!row) {
      throw new AppError('NOT_FOUND', `${group.group_name} has no ${input.kind} version ${input.version_id}`);
    }
    if (row.is_current === 1) throw new AppError('CONFLICT', 'That version is already the current one');
    const shown = input.kind === 'weight' ? formatWeight(row.value) : formatCalibration(row.value);
    const rationale = `Reverted to the value of ${row.effective_from} (${shown}): ${input.rationale}`;
    const changed =
      input.kind === 'weight'
        ? setWeight(input.focus_group_id, row.key, row.value, rationale)
        : setCalibration(input.focus_group_id, row.key, row.value, rationale);
    if (!changed) throw new AppError('CONFLICT', `The current value is already ${shown}: nothing to revert`);
  }

  const updateWeights = db.transaction((input: Parameters<ConfigRepository['updateWeights']>[0]) => {
    requireSector(input.focus_group_id);
    const seen = new Set<string>();
    let changed = 0;
    for (const { dimension_code, weight } of input.weights) {
      const dimension = requireDimension(dimension_code);
      if (seen.has(dimension.dimension_id)) {
        throw new AppError('INVALID_INPUT', `The weight of ${dimension.dimension_code} is given twice`);
      }
      seen.add(dimension.dimension_id);
      if (setWeight(input.focus_group_id, dimension.dimension_id, weight, input.rationale)) changed++;
    }
    return changed;
  });

  const updateCalibration = db.transaction((input: Parameters<ConfigRepository['updateCalibration']>[0]) =>
    setCalibration(input.focus_group_id, input.parameter_name, input.value, input.rationale) ? 1 : 0,
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
