import type { SeedResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Db } from './connection';
import { requireSchema } from './migrate';
import { loadReference, type Reference } from '../core/reference';

/** Seeded weights and calibrations form the baseline version, dated so that reseeding is stable. */
export const SEED_EFFECTIVE_FROM = '2024-01-01';

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

export type SeedOutcome = 'inserted' | 'updated' | 'unchanged';

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

/** What a seeding step reports: how many rows it inserted, updated and left alone, and the totals. */
export function seedSummary(
  step: SeedResult['step'],
  outcomes: SeedOutcome[],
  totals: Record<string, number>,
  what: string,
): SeedResult {
  const tally = { inserted: 0, updated: 0, unchanged: 0 };
  for (const outcome of outcomes) tally[outcome]++;
  const message =
    tally.inserted + tally.updated === 0
      ? `Nothing changed: all ${tally.unchanged} ${what} were already seeded`
      : `Seeded ${what}: ${tally.inserted} inserted, ${tally.updated} updated, ${tally.unchanged} unchanged`;
  return { step, ...tally, totals, message };
}

/** The reference's focus groups and dimensions as rows. */
export function seedGroupRows(ref: Reference) {
  return {
    groups: ref.focus_groups.map((g) => ({ ...g, platform: ref.platform })),
    dimensions: ref.dimensions.map((d) => ({ ...d, platform: ref.platform })),
  };
}

/** The reference's weights and calibrations as rows of the baseline version. */
export function seedValueRows(ref: Reference) {
  const weights = Object.entries(ref.dimension_weights).flatMap(([focus_group_id, rows]) =>
    rows.map(([dimension_id, weight, rationale]) => ({
      focus_group_id,
      dimension_id,
      weight: Number(weight),
      rationale,
      effective_from: SEED_EFFECTIVE_FROM,
    })),
  );
  const calibrations = Object.entries(ref.calibrations).flatMap(([focus_group_id, rows]) =>
    rows.map(([parameter_name, value, parameter_type, description]) => ({
      focus_group_id,
      parameter_name,
      value: Number(value),
      parameter_type,
      description,
      effective_from: SEED_EFFECTIVE_FROM,
    })),
  );
  return { weights, calibrations };
}

/** Weights need their sectors and dimensions: NOT_SEEDED while any of the reference's is missing. */
export function requireGroupsSeeded(
  ref: Reference,
  counts: { focus_groups: number; dimensions: number },
): void {
  if (ref.focus_groups.length - counts.focus_groups + ref.dimensions.length - counts.dimensions > 0) {
    throw new AppError('NOT_SEEDED', 'Seed the focus groups and dimensions first');
  }
}

export function seedFocusGroupsAndDimensions(db: Db, ref: Reference = loadReference()): SeedResult {
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

export function seedWeightsAndCalibrations(db: Db, ref: Reference = loadReference()): SeedResult {
  requireSchema(db);
  requireGroupsSeeded(ref, { focus_groups: count(db, 'focus_groups'), dimensions: count(db, 'dimensions') });
  const weightExists = db
    .prepare(
      'SELECT 1 FROM focus_group_dimension_weights WHERE focus_group_id = ? AND dimension_id = ? AND effective_from = ?',
    )
    .pluck();
  const upsertWeight = db.prepare(`
    INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
    VALUES (@focus_group_id, @dimension_id, @weight, @rationale, @effective_from)
    ON CONFLICT (focus_group_id, dimension_id, effective_from) DO UPDATE SET
      weight = excluded.weight, weight_rationale = excluded.weight_rationale
    WHERE (weight, weight_rationale) IS NOT (excluded.weight, excluded.weight_rationale)`);
  const calibrationExists = db
    .prepare(
      'SELECT 1 FROM focus_group_calibrations WHERE focus_group_id = ? AND parameter_name = ? AND effective_from = ?',
    )
    .pluck();
  const upsertCalibration = db.prepare(`
    INSERT INTO focus_group_calibrations
      (focus_group_id, parameter_name, parameter_value, parameter_type, description, effective_from)
    VALUES (@focus_group_id, @parameter_name, @value, @parameter_type, @description, @effective_from)
    ON CONFLICT (focus_group_id, parameter_name, effective_from) DO UPDATE SET
      parameter_value = excluded.parameter_value, parameter_type = excluded.parameter_type,
      description = excluded.description
    WHERE (parameter_value, parameter_type, description)
      IS NOT (excluded.parameter_value, excluded.parameter_type, excluded.description)`);

  const { weights, calibrations } = seedValueRows(ref);

  return db
    .transaction(() => {
      const outcomes = [
        ...upsertAll(
          weights,
          (r) => weightExists.get(r.focus_group_id, r.dimension_id, r.effective_from) !== undefined,
          (r) => upsertWeight.run(r).changes,
        ),
        ...upsertAll(
          calibrations,
          (r) => calibrationExists.get(r.focus_group_id, r.parameter_name, r.effective_from) !== undefined,
          (r) => upsertCalibration.run(r).changes,
        ),
      ];
      const totals = {
        focus_group_dimension_weights: count(db, 'focus_group_dimension_weights'),
        focus_group_calibrations: count(db, 'focus_group_calibrations'),
      };
      return seedSummary('weights_calibrations', outcomes, totals, 'weights and calibrations');
    })
    .immediate();
}
