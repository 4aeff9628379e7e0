import type pg from 'pg';
import type { SeedResult } from '../../shared/domain';
import { loadReference, type Reference } from '../core/reference';
import {
  requireGroupsSeeded,
  seedChangeSet,
  seedGroupRows,
  seedSummary,
  seedValueRows,
  type SeedOutcome,
} from '../core/seeding';
import { inTransaction } from './pool';

/**
 * Seeding on PostgreSQL, with the SQLite side's rows and counts (db/sqlite/seeding.ts). Each upsert
 * of a sector or dimension says what it did: a row comes back when it was inserted (xmax = 0) or
 * updated, none when it was equal.
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

const weightExists =
  'SELECT 1 FROM focus_group_dimension_weights WHERE focus_group_id = $1 AND dimension_id = $2 LIMIT 1';
const insertWeight = `INSERT INTO focus_group_dimension_weights
    (focus_group_id, dimension_id, weight, weight_rationale, effective_from, change_set_id)
  VALUES ($1, $2, $3, $4, $5::date, $6)`;
const calibrationExists =
  'SELECT 1 FROM focus_group_calibrations WHERE focus_group_id = $1 AND parameter_name = $2 LIMIT 1';
const insertCalibration = `INSERT INTO focus_group_calibrations
    (focus_group_id, parameter_name, parameter_value, parameter_type, description, effective_from, change_set_id)
  VALUES ($1, $2, $3, $4, $5, $6::date, $7)`;
const insertSet = `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
  VALUES ($1, $2, $3, $4, $5) RETURNING change_set_id`;

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

/** What SQLite's seedWeightsAndCalibrations does: the items a sector lacks, one seed change set per sector. */
export function pgSeedWeightsCalibrations(
  pool: pg.Pool,
  author: string | null,
  ref: Reference = loadReference(),
): Promise<SeedResult> {
  const { weights, calibrations } = seedValueRows(ref);
  return inTransaction(pool, async (db) => {
    requireGroupsSeeded(ref, {
      focus_groups: await count(db, 'focus_groups'),
      dimensions: await count(db, 'dimensions'),
    });
    const sets = new Map<string, number>();
    const setOf = async (sector: string) => {
      const known = sets.get(sector);
      if (known !== undefined) return known;
      const { made_at, rationale, kind } = seedChangeSet;
      const { rows } = await db.query<{ change_set_id: number }>(insertSet, [
        sector,
        made_at,
        author,
        rationale,
        kind,
      ]);
      const id = rows[0]?.change_set_id;
      if (id === undefined) throw new Error('The seed change set was not inserted');
      sets.set(sector, id);
      return id;
    };
    const missing = async (sql: string, values: unknown[]) => (await db.query(sql, values)).rowCount === 0;
    const outcomes: SeedOutcome[] = [];
    for (const w of weights) {
      if (!(await missing(weightExists, [w.focus_group_id, w.dimension_id]))) {
        outcomes.push('unchanged');
        continue;
      }
      const set = await setOf(w.focus_group_id);
      await db.query(insertWeight, [
        w.focus_group_id,
        w.dimension_id,
        w.weight,
        w.rationale,
        w.effective_from,
        set,
      ]);
      outcomes.push('inserted');
    }
    for (const c of calibrations) {
      if (!(await missing(calibrationExists, [c.focus_group_id, c.parameter_name]))) {
        outcomes.push('unchanged');
        continue;
      }
      const set = await setOf(c.focus_group_id);
      await db.query(insertCalibration, [
        c.focus_group_id,
        c.parameter_name,
        c.value,
        c.parameter_type,
        c.description,
        c.effective_from,
        set,
      ]);
      outcomes.push('inserted');
    }
    const totals = {
      focus_group_dimension_weights: await count(db, 'focus_group_dimension_weights'),
      focus_group_calibrations: await count(db, 'focus_group_calibrations'),
    };
    return seedSummary('weights_calibrations', outcomes, totals, 'weights and calibrations');
  });
}
