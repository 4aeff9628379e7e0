import type { SeedResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Reference } from './reference';

/** Seeded weights and calibrations form the baseline version, dated so that reseeding is stable. */
export const SEED_EFFECTIVE_FROM = '2024-01-01';

/**
 * A sector's seed change set: made at the start of the baseline's day, whenever the file was
 * seeded, so that "as of" any moment from then on finds the baseline.
 */
export const seedChangeSet = {
  made_at: `${SEED_EFFECTIVE_FROM}T00:00:00.000Z`,
  rationale: 'Seeded from the reference configuration',
  kind: 'seed',
} as const;

export type SeedOutcome = 'inserted' | 'updated' | 'unchanged';

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
