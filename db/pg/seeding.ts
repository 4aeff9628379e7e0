import type pg from 'pg';
import type { SeedResult, SeedTable } from '../../shared/domain';
import { loadReference, type Reference } from '../core/reference';
import {
  changeSetsBySector,
  planSeed,
  requireGroupsSeeded,
  seedFailure,
  seedReport,
  seedChangeSetValues,
  seedRows,
  seedSql,
  seedValues,
  type ExistingRow,
  type SeedPlan,
  type SeedTotals,
} from '../core/seeding';
import { inTransaction } from './pool';

/**
 * A step reads what its tables hold and then adds what is missing; SHARE ROW EXCLUSIVE keeps every
 * other writer (another instance's seeding or edit, the seed's own Python or psql) out of the
 * tables between the two, as SQLite's IMMEDIATE transaction does, while reads go on. Editors lock
 * their sector's row FOR NO KEY UPDATE, which the inserts' foreign-key checks do not wait for.
 */
const pgSeedSql = {
  lockGroups: 'LOCK TABLE focus_groups, dimensions IN SHARE ROW EXCLUSIVE MODE',
  lockValues:
    'LOCK TABLE focus_group_dimension_weights, focus_group_calibrations IN SHARE ROW EXCLUSIVE MODE',
  currentWeights:
    'SELECT focus_group_id, dimension_id, weight FROM focus_group_dimension_weights WHERE is_current',
  currentCalibrations: `SELECT focus_group_id, parameter_name, parameter_value FROM focus_group_calibrations
    WHERE is_current`,
};

async function rows<T extends SeedTable>(db: pg.PoolClient, sql: string): Promise<ExistingRow<T>[]> {
  return (await db.query<ExistingRow<T>>(sql)).rows;
}

async function addMissing<T extends SeedTable, Row extends Parameters<(typeof seedValues)[T]>[0]>(
  db: pg.PoolClient,
  table: T,
  plan: SeedPlan<Row>,
  changeSet?: (sector: string) => Promise<number>,
): Promise<void> {
  const values = seedValues[table] as (row: Row) => (string | number)[];
  for (const row of plan.missing) {
    const set = changeSet === undefined ? [] : [await changeSet(String(values(row)[0]))];
    try {
      await db.query(seedSql.insert[table], [...values(row), ...set]);
    } catch (error) {
      throw seedFailure(plan, row, error);
    }
  }
}

async function totals(db: pg.PoolClient): Promise<SeedTotals> {
  return (await db.query<SeedTotals>(seedSql.totals)).rows[0] as SeedTotals;
}

/** Seeding on PostgreSQL: the same merge and report as on SQLite (db/sqlite/seeding.ts). */
export function pgSeedSectorsDimensions(
  pool: pg.Pool,
  ref: Reference = loadReference(),
): Promise<SeedResult> {
  const reference = seedRows(ref);
  return inTransaction(pool, async (db) => {
    await db.query(pgSeedSql.lockGroups);
    const groups = planSeed('focus_groups', reference.focus_groups, await rows(db, seedSql.focusGroups));
    const dimensions = planSeed('dimensions', reference.dimensions, await rows(db, seedSql.dimensions));
    await addMissing(db, 'focus_groups', groups);
    await addMissing(db, 'dimensions', dimensions);
    return seedReport(
      'focus_groups_dimensions',
      'focus groups and dimensions',
      [groups, dimensions],
      await totals(db),
    );
  });
}

/** What SQLite's seedWeightsAndCalibrations does, one seed change set per sector by `author`. */
export function pgSeedWeightsCalibrations(
  pool: pg.Pool,
  author: string | null,
  ref: Reference = loadReference(),
): Promise<SeedResult> {
  const reference = seedRows(ref);
  return inTransaction(pool, async (db) => {
    const changeSet = changeSetsBySector(async (sector) => {
      const { rows: made } = await db.query<{ change_set_id: number }>(
        seedSql.changeSet,
        seedChangeSetValues(sector, author),
      );
      const id = made[0]?.change_set_id;
      if (id === undefined) throw new Error('The seed change set was not inserted');
      return id;
    });
    await db.query(pgSeedSql.lockValues);
    requireGroupsSeeded(
      reference,
      (await rows<'focus_groups'>(db, seedSql.focusGroups)).map((g) => String(g.focus_group_id)),
      (await rows<'dimensions'>(db, seedSql.dimensions)).map((d) => String(d.dimension_id)),
    );
    const weights = planSeed(
      'focus_group_dimension_weights',
      reference.focus_group_dimension_weights,
      await rows(db, pgSeedSql.currentWeights),
    );
    const calibrations = planSeed(
      'focus_group_calibrations',
      reference.focus_group_calibrations,
      await rows(db, pgSeedSql.currentCalibrations),
    );
    await addMissing(db, 'focus_group_dimension_weights', weights, changeSet);
    await addMissing(db, 'focus_group_calibrations', calibrations, changeSet);
    return seedReport(
      'weights_calibrations',
      'weights and calibrations',
      [weights, calibrations],
      await totals(db),
    );
  });
}
