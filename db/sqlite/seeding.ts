import type { SeedResult } from '../../shared/domain';
import type { Db } from './connection';
import { requireSchema } from './migrate';
import { loadReference, type Reference } from '../core/reference';
import {
  requireGroupsSeeded,
  seedGroupRows,
  seedChangeSet,
  seedSummary,
  seedValueRows,
  type SeedOutcome,
} from '../core/seeding';

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/**
 * Runs one upsert per row: a row that is absent is inserted, a row that differs is updated, an equal
 * row is left alone. `exists` decides inserted versus updated; `upsert` reports 0 changes for equal rows.
 */
function upsertAll<Row>(
  rows: Row[],
  exists: (row: Row) => boolean,
  upsert: (row: Row) => number,
): SeedOutcome[] {
  return rows.map((row) => {
    const existed = exists(row);
    const changes = upsert(row);
    return !existed ? 'inserted' : changes > 0 ? 'updated' : 'unchanged';
  });
}

function count(
  db: Db,
  table: 'focus_groups' | 'dimensions' | 'focus_group_dimension_weights' | 'focus_group_calibrations',
) {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function seedSectorsAndDimensions(db: Db, ref: Reference = loadReference()): SeedResult {
  requireSchema(db);
  const groupExists = db.prepare('SELECT 1 FROM focus_groups WHERE focus_group_id = ?').pluck();
  const upsertGroup = db.prepare(`
    INSERT INTO focus_groups (focus_group_id, platform, group_name, group_code, display_order)
    VALUES (@focus_group_id, @platform, @group_name, @group_code, @display_order)
    ON CONFLICT (focus_group_id) DO UPDATE SET
      platform = excluded.platform, group_name = excluded.group_name, group_code = excluded.group_code,
      display_order = excluded.display_order, updated_at = ${NOW}
    WHERE (platform, group_name, group_code, display_order)
      IS NOT (excluded.platform, excluded.group_name, excluded.group_code, excluded.display_order)`);
  const dimensionExists = db.prepare('SELECT 1 FROM dimensions WHERE dimension_id = ?').pluck();
  const upsertDimension = db.prepare(`
    INSERT INTO dimensions (dimension_id, platform, dimension_name, dimension_code, display_order)
    VALUES (@dimension_id, @platform, @dimension_name, @dimension_code, @display_order)
    ON CONFLICT (dimension_id) DO UPDATE SET
      platform = excluded.platform, dimension_name = excluded.dimension_name,
      dimension_code = excluded.dimension_code, display_order = excluded.display_order
    WHERE (platform, dimension_name, dimension_code, display_order)
      IS NOT (excluded.platform, excluded.dimension_name, excluded.dimension_code, excluded.display_order)`);

  return db
    .transaction(() => {
      const rows = seedGroupRows(ref);
      const outcomes = [
        ...upsertAll(
          rows.groups,
          (g) => groupExists.get(g.focus_group_id) !== undefined,
          (g) => upsertGroup.run(g).changes,
        ),
        ...upsertAll(
          rows.dimensions,
          (d) => dimensionExists.get(d.dimension_id) !== undefined,
          (d) => upsertDimension.run(d).changes,
        ),
      ];
      const totals = { focus_groups: count(db, 'focus_groups'), dimensions: count(db, 'dimensions') };
      return seedSummary('focus_groups_dimensions', outcomes, totals, 'focus groups and dimensions');
    })
    .immediate();
}

/**
 * The reference's weights and calibrations that a sector lacks (an item with any version is left
 * alone: its values change by change sets, never by seeding again), as one seed change set per
 * sector by `author`.
 */
export function seedWeightsAndCalibrations(
  db: Db,
  options: { author?: string | null; ref?: Reference } = {},
): SeedResult {
  const ref = options.ref ?? loadReference();
  requireSchema(db);
  requireGroupsSeeded(ref, { focus_groups: count(db, 'focus_groups'), dimensions: count(db, 'dimensions') });
  const weightExists = db
    .prepare(
      'SELECT 1 FROM focus_group_dimension_weights WHERE focus_group_id = ? AND dimension_id = ? LIMIT 1',
    )
    .pluck();
  const insertWeight = db.prepare(`
    INSERT INTO focus_group_dimension_weights
      (focus_group_id, dimension_id, weight, weight_rationale, effective_from, change_set_id)
    VALUES (@focus_group_id, @dimension_id, @weight, @rationale, @effective_from, @change_set_id)`);
  const calibrationExists = db
    .prepare('SELECT 1 FROM focus_group_calibrations WHERE focus_group_id = ? AND parameter_name = ? LIMIT 1')
    .pluck();
  const insertCalibration = db.prepare(`
    INSERT INTO focus_group_calibrations
      (focus_group_id, parameter_name, parameter_value, parameter_type, description, effective_from, change_set_id)
    VALUES (@focus_group_id, @parameter_name, @value, @parameter_type, @description, @effective_from, @change_set_id)`);
  const insertSet = db
    .prepare(
      `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
       VALUES (?, ?, ?, ?, ?) RETURNING change_set_id`,
    )
    .pluck();
  const sets = new Map<string, number>();
  const setOf = (sector: string) => {
    const { made_at, rationale, kind } = seedChangeSet;
    const id =
      sets.get(sector) ?? (insertSet.get(sector, made_at, options.author ?? null, rationale, kind) as number);
    sets.set(sector, id);
    return id;
  };
  const { weights, calibrations } = seedValueRows(ref);

  return db
    .transaction(() => {
      const outcomes: SeedOutcome[] = [
        ...weights.map((r): SeedOutcome => {
          if (weightExists.get(r.focus_group_id, r.dimension_id) !== undefined) return 'unchanged';
          insertWeight.run({ ...r, change_set_id: setOf(r.focus_group_id) });
          return 'inserted';
        }),
        ...calibrations.map((r): SeedOutcome => {
          if (calibrationExists.get(r.focus_group_id, r.parameter_name) !== undefined) return 'unchanged';
          insertCalibration.run({ ...r, change_set_id: setOf(r.focus_group_id) });
          return 'inserted';
        }),
      ];
      const totals = {
        focus_group_dimension_weights: count(db, 'focus_group_dimension_weights'),
        focus_group_calibrations: count(db, 'focus_group_calibrations'),
      };
      return seedSummary('weights_calibrations', outcomes, totals, 'weights and calibrations');
    })
    .immediate();
}
