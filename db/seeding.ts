import type { SeedResult } from '../shared/domain';
import { AppError } from '../shared/errors';
import type { Db } from './connection';
import { requireSchema } from './migrate';
import { loadReference, type Reference } from './reference';

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
