import type { SeedResult, SeedTable } from '../../shared/domain';
import type { Db } from './connection';
import { requireSchema } from './migrate';
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

/** `is_current = 1`, as the partial unique indexes on the current rows are written. */
const currentSql = {
  weights:
    'SELECT focus_group_id, dimension_id, weight FROM focus_group_dimension_weights WHERE is_current = 1',
  calibrations: `SELECT focus_group_id, parameter_name, parameter_value FROM focus_group_calibrations
    WHERE is_current = 1`,
};

/** $1, $2, … as better-sqlite3's named parameters "1", "2", …, so that both engines share the text. */
function bound(values: (string | number | null)[]): Record<string, string | number | null> {
  return Object.fromEntries(values.map((value, i) => [String(i + 1), value]));
}

function rows<T extends SeedTable>(db: Db, sql: string): ExistingRow<T>[] {
  return db.prepare(sql).all() as ExistingRow<T>[];
}

/** Adds a plan's missing rows; a weight or calibration is added in its sector's `changeSet`. */
function addMissing<T extends SeedTable, Row extends Parameters<(typeof seedValues)[T]>[0]>(
  db: Db,
  table: T,
  plan: SeedPlan<Row>,
  changeSet?: (sector: string) => number,
): void {
  const insert = db.prepare(seedSql.insert[table]);
  const values = seedValues[table] as (row: Row) => (string | number)[];
  for (const row of plan.missing) {
    const set = changeSet === undefined ? [] : [changeSet(String(values(row)[0]))];
    try {
      insert.run(bound([...values(row), ...set]));
    } catch (error) {
      throw seedFailure(plan, row, error);
    }
  }
}

const totals = (db: Db) => db.prepare(seedSql.totals).get() as SeedTotals;

/**
 * Adds the reference's focus groups and dimensions that are missing, in one IMMEDIATE transaction
 * (read and write under the file's write lock); rows already there are left as they are.
 */
export function seedSectorsAndDimensions(db: Db, ref: Reference = loadReference()): SeedResult {
  requireSchema(db);
  const reference = seedRows(ref);
  return db
    .transaction(() => {
      const groups = planSeed('focus_groups', reference.focus_groups, rows(db, seedSql.focusGroups));
      const dimensions = planSeed('dimensions', reference.dimensions, rows(db, seedSql.dimensions));
      addMissing(db, 'focus_groups', groups);
      addMissing(db, 'dimensions', dimensions);
      return seedReport(
        'focus_groups_dimensions',
        'focus groups and dimensions',
        [groups, dimensions],
        totals(db),
      );
    })
    .immediate();
}

/**
 * The same for weights and calibrations: a key with a current row, whatever its date, is found;
 * what is added is one seed change set per sector, by `author`.
 */
export function seedWeightsAndCalibrations(
  db: Db,
  options: { author?: string | null; ref?: Reference } = {},
): SeedResult {
  requireSchema(db);
  const reference = seedRows(options.ref ?? loadReference());
  const insertSet = db.prepare(seedSql.changeSet).pluck();
  const changeSet = changeSetsBySector(
    (sector) => insertSet.get(bound(seedChangeSetValues(sector, options.author ?? null))) as number,
  );
  return db
    .transaction(() => {
      requireGroupsSeeded(
        reference,
        rows<'focus_groups'>(db, seedSql.focusGroups).map((g) => String(g.focus_group_id)),
        rows<'dimensions'>(db, seedSql.dimensions).map((d) => String(d.dimension_id)),
      );
      const weights = planSeed(
        'focus_group_dimension_weights',
        reference.focus_group_dimension_weights,
        rows(db, currentSql.weights),
      );
      const calibrations = planSeed(
        'focus_group_calibrations',
        reference.focus_group_calibrations,
        rows(db, currentSql.calibrations),
      );
      addMissing(db, 'focus_group_dimension_weights', weights, changeSet);
      addMissing(db, 'focus_group_calibrations', calibrations, changeSet);
      return seedReport(
        'weights_calibrations',
        'weights and calibrations',
        [weights, calibrations],
        totals(db),
      );
    })
    .immediate();
}
