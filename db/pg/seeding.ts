import type pg from 'pg';
import type { SeedResult } from '../../shared/domain';
import { loadReference, type Reference } from '../core/reference';
import {
  requireGroupsSeeded,
  seedGroupRows,
  seedSummary,
  seedValueRows,
  type SeedOutcome,
} from '../core/seeding';
import { inTransaction } from './pool';

/**
 * Seeding on PostgreSQL, with the SQLite side's rows and counts (db/seeding.ts). Each upsert says
 * what it did: a row comes back when it was inserted (xmax = 0) or updated, none when it was equal.
 */
async function upsert(db: pg.PoolClient, sql: string, values: unknown[]): Promise<SeedOutcome> {
  const { rows } = await db.query<{ inserted: boolean }>(`${sql} RETURNING (xmax = 0) AS inserted`, values);
  const row = rows[0];
  return row === undefined ? 'unchanged' : row.inserted ? 'inserted' : 'updated';
}

async function count(db: pg.PoolClient, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}

const upsertGroup = `INSERT INTO focus_groups (focus_group_id, platform, group_name, group_code, display_order)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (focus_group_id) DO UPDATE SET
    platform = excluded.platform, group_name = excluded.group_name, group_code = excluded.group_code,
    display_order = excluded.display_order, updated_at = NOW()
  WHERE (focus_groups.platform, focus_groups.group_name, focus_groups.group_code, focus_groups.display_order)
    IS DISTINCT FROM (excluded.platform, excluded.group_name, excluded.group_code, excluded.display_order)`;

const upsertDimension = `INSERT INTO dimensions (dimension_id, platform, dimension_name, dimension_code, display_order)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (dimension_id) DO UPDATE SET
    platform = excluded.platform, dimension_name = excluded.dimension_name,
    dimension_code = excluded.dimension_code, display_order = excluded.display_order
  WHERE (dimensions.platform, dimensions.dimension_name, dimensions.dimension_code, dimensions.display_order)
    IS DISTINCT FROM (excluded.platform, excluded.dimension_name, excluded.dimension_code, excluded.display_order)`;

const upsertWeight = `INSERT INTO focus_group_dimension_weights
    (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
  VALUES ($1, $2, $3, $4, $5::date)
  ON CONFLICT (focus_group_id, dimension_id, effective_from) DO UPDATE SET
    weight = excluded.weight, weight_rationale = excluded.weight_rationale
  WHERE (focus_group_dimension_weights.weight, focus_group_dimension_weights.weight_rationale)
    IS DISTINCT FROM (excluded.weight, excluded.weight_rationale)`;

const upsertCalibration = `INSERT INTO focus_group_calibrations
    (focus_group_id, parameter_name, parameter_value, parameter_type, description, effective_from)
  VALUES ($1, $2, $3, $4, $5, $6::date)
  ON CONFLICT (focus_group_id, parameter_name, effective_from) DO UPDATE SET
    parameter_value = excluded.parameter_value, parameter_type = excluded.parameter_type,
    description = excluded.description
  WHERE (focus_group_calibrations.parameter_value, focus_group_calibrations.parameter_type,
         focus_group_calibrations.description)
    IS DISTINCT FROM (excluded.parameter_value, excluded.parameter_type, excluded.description)`;

export function pgSeedSectorsDimensions(
  pool: pg.Pool,
  ref: Reference = loadReference(),
): Promise<SeedResult> {
  const rows = seedGroupRows(ref);
  return inTransaction(pool, async (db) => {
    const outcomes: SeedOutcome[] = [];
    for (const g of rows.groups) {
      outcomes.push(
        await upsert(db, upsertGroup, [
          g.focus_group_id,
          g.platform,
          g.group_name,
          g.group_code,
          g.display_order,
        ]),
      );
    }
    for (const d of rows.dimensions) {
      outcomes.push(
        await upsert(db, upsertDimension, [
          d.dimension_id,
          d.platform,
          d.dimension_name,
          d.dimension_code,
          d.display_order,
        ]),
      );
    }
    const totals = {
      focus_groups: await count(db, 'focus_groups'),
      dimensions: await count(db, 'dimensions'),
    };
    return seedSummary('focus_groups_dimensions', outcomes, totals, 'focus groups and dimensions');
  });
}

export function pgSeedWeightsCalibrations(
  pool: pg.Pool,
  ref: Reference = loadReference(),
): Promise<SeedResult> {
  const { weights, calibrations } = seedValueRows(ref);
  return inTransaction(pool, async (db) => {
    requireGroupsSeeded(ref, {
      focus_groups: await count(db, 'focus_groups'),
      dimensions: await count(db, 'dimensions'),
    });
    const outcomes: SeedOutcome[] = [];
    for (const w of weights) {
      outcomes.push(
        await upsert(db, upsertWeight, [
          w.focus_group_id,
          w.dimension_id,
          w.weight,
          w.rationale,
          w.effective_from,
        ]),
      );
    }
    for (const c of calibrations) {
      outcomes.push(
        await upsert(db, upsertCalibration, [
          c.focus_group_id,
          c.parameter_name,
          c.value,
          c.parameter_type,
          c.description,
          c.effective_from,
        ]),
      );
    }
    const totals = {
      focus_group_dimension_weights: await count(db, 'focus_group_dimension_weights'),
      focus_group_calibrations: await count(db, 'focus_group_calibrations'),
    };
    return seedSummary('weights_calibrations', outcomes, totals, 'weights and calibrations');
  });
}
