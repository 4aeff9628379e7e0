import type { Dimension } from '../shared/domain';
import { AppError } from '../shared/errors';
import { SectorConfig } from '../shared/sector-config';
import type { Db } from './connection';
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

type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** The configuration repository over one SQLite connection, answering synchronously. */
export type SqliteConfigRepository = Sync<ConfigRepository>;

export function sqliteConfigRepository(db: Db): SqliteConfigRepository {
  requireSchema(db);
  const statements = {
    sectors: db.prepare<[], GroupRow>(
      `SELECT focus_group_id, platform, group_name, group_code, display_order, is_active
       FROM focus_groups ORDER BY display_order, focus_group_id`,
    ),
    sector: db.prepare<[string], GroupRow>(
      `SELECT focus_group_id, platform, group_name, group_code, display_order, is_active
       FROM focus_groups WHERE focus_group_id = ?`,
    ),
    dimensions: db.prepare<[], Dimension>(
      `SELECT dimension_id, dimension_name, dimension_code, display_order
       FROM dimensions ORDER BY display_order, dimension_id`,
    ),
    dimensionByCode: db.prepare<[string], { dimension_id: string }>(
      'SELECT dimension_id FROM dimensions WHERE dimension_code = ?',
    ),
    weights: db.prepare<[string], { dimension_code: string; weight: number }>(
      `SELECT d.dimension_code, w.weight
       FROM focus_group_dimension_weights AS w JOIN dimensions AS d ON d.dimension_id = w.dimension_id
       WHERE w.focus_group_id = ? AND w.is_current = 1
       ORDER BY d.display_order`,
    ),
    calibrations: db.prepare<[string], { parameter_name: string; parameter_value: number }>(
      `SELECT parameter_name, parameter_value FROM focus_group_calibrations
       WHERE focus_group_id = ? AND is_current = 1 ORDER BY calibration_id`,
    ),
    currentWeight: db.prepare<[string, string], { id: number; effective_from: string; today: string }>(
      `SELECT weight_id AS id, effective_from, date('now') AS today FROM focus_group_dimension_weights
       WHERE focus_group_id = ? AND dimension_id = ? AND is_current = 1`,
    ),
    reviseWeight: db.prepare(
      `UPDATE focus_group_dimension_weights SET weight = @weight, weight_rationale = coalesce(@rationale, weight_rationale)
       WHERE weight_id = @id`,
    ),
    closeWeight: db.prepare(
      `UPDATE focus_group_dimension_weights SET is_current = 0, effective_to = date('now') WHERE weight_id = ?`,
    ),
    insertWeight: db.prepare(
      `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
       VALUES (@focus_group_id, @dimension_id, @weight, @rationale, date('now'))`,
    ),
    currentCalibration: db.prepare<
      [string, string],
      {
        id: number;
        effective_from: string;
        today: string;
        parameter_type: string;
        description: string | null;
      }
    >(
      `SELECT calibration_id AS id, effective_from, date('now') AS today, parameter_type, description
       FROM focus_group_calibrations WHERE focus_group_id = ? AND parameter_name = ? AND is_current = 1`,
    ),
    reviseCalibration: db.prepare(
      `UPDATE focus_group_calibrations SET parameter_value = @value, description = coalesce(@description, description)
       WHERE calibration_id = @id`,
    ),
    closeCalibration: db.prepare(
      `UPDATE focus_group_calibrations SET is_current = 0, effective_to = date('now') WHERE calibration_id = ?`,
    ),
    insertCalibration: db.prepare(
      `INSERT INTO focus_group_calibrations
         (focus_group_id, parameter_name, parameter_value, parameter_type, description, effective_from)
       VALUES (@focus_group_id, @parameter_name, @value, @parameter_type, @description, date('now'))`,
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

  // Effective dating is by day: a second change on the same day revises that day's row; otherwise
  // the current row is closed and a new one dated today becomes current.
  function reviseOrSupersede(
    current: { id: number; effective_from: string; today: string } | undefined,
    revise: (id: number) => void,
    close: (id: number) => void,
    insert: () => void,
  ): void {
    if (current && current.effective_from === current.today) return revise(current.id);
    if (current) close(current.id);
    insert();
  }

  const updateWeight = db.transaction((input: Parameters<ConfigRepository['updateWeight']>[0]) => {
    requireSector(input.focus_group_id);
    const dimension = statements.dimensionByCode.get(input.dimension_code);
    if (!dimension) throw new AppError('NOT_FOUND', `Unknown dimension: ${input.dimension_code}`);
    const rationale = input.rationale ?? null;
    reviseOrSupersede(
      statements.currentWeight.get(input.focus_group_id, dimension.dimension_id),
      (id) => statements.reviseWeight.run({ id, weight: input.weight, rationale }),
      (id) => statements.closeWeight.run(id),
      () => statements.insertWeight.run({ ...input, dimension_id: dimension.dimension_id, rationale }),
    );
  });

  const updateCalibration = db.transaction((input: Parameters<ConfigRepository['updateCalibration']>[0]) => {
    requireSector(input.focus_group_id);
    const current = statements.currentCalibration.get(input.focus_group_id, input.parameter_name);
    const description = input.description ?? null;
    reviseOrSupersede(
      current,
      (id) => statements.reviseCalibration.run({ id, value: input.value, description }),
      (id) => statements.closeCalibration.run(id),
      () =>
        statements.insertCalibration.run({
          ...input,
          parameter_type: current?.parameter_type ?? 'numeric',
          description: description ?? current?.description ?? null,
        }),
    );
  });

  return {
    listSectors: () => statements.sectors.all().map((r) => ({ ...r, is_active: r.is_active === 1 })),
    listDimensions: () => statements.dimensions.all(),
    updateWeight: (input) => updateWeight.immediate(input),
    updateCalibration: (input) => updateCalibration.immediate(input),

    loadSectorConfig(focusGroupId) {
      const group = requireSector(focusGroupId);
      return new SectorConfig({
        focusGroupId: group.focus_group_id,
        groupName: group.group_name,
        groupCode: group.group_code,
        dimensionWeights: Object.fromEntries(
          statements.weights.all(focusGroupId).map((w) => [w.dimension_code, w.weight]),
        ),
        calibrations: Object.fromEntries(
          statements.calibrations.all(focusGroupId).map((c) => [c.parameter_name, c.parameter_value]),
        ),
      });
    },
  };
}

/** The same repository behind the asynchronous interface the services use, on this thread. */
export function createConfigRepository(db: Db): ConfigRepository {
  const repo = sqliteConfigRepository(db);
  return {
    listSectors: async () => repo.listSectors(),
    listDimensions: async () => repo.listDimensions(),
    loadSectorConfig: async (id) => repo.loadSectorConfig(id),
    updateWeight: async (input) => repo.updateWeight(input),
    updateCalibration: async (input) => repo.updateCalibration(input),
  };
}
