import type { Statement } from 'better-sqlite3';
import type { OrgSelection } from '../../shared/org-query';
import type { Db } from './connection';
import { sortExpression, sqliteFilters } from './filter-dialect';

/** A selection sorted once into a temporary table of rowids, whose rowid is position + 1. */
export interface Sorted {
  kind: 'sorted';
  table: string;
  total: number;
  /** The rows before the blanks. */
  values: number;
  /** Rowids of positions (@from, @to]. */
  read: Statement;
}

/**
 * Numbers the temporary tables of every reader in this thread: two readers on one connection (a
 * reader built again after a migration, while the first one's tables are still there) never pick
 * the same name.
 */
let tables = 0;

/** Sorts the selection's rowids (blanks last) into a new temporary table. */
export function sortedOrder(db: Db, selection: OrgSelection): Sorted {
  const table = `org_order_${++tables}`;
  const { where, params } = sqliteFilters(selection);
  db.prepare(`CREATE TEMP TABLE ${table} (org INTEGER NOT NULL, blank INTEGER NOT NULL)`).run();
  const value = sortExpression(selection.sort);
  const inserted = db
    .prepare(
      `INSERT INTO temp.${table} (org, blank) SELECT org, blank FROM (
         SELECT organizations.rowid AS org, ${value} AS value, ${value} IS NULL AS blank
         FROM organizations${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
       ) ORDER BY blank, value, org`,
    )
    .run(params).changes;
  const blanks = db.prepare(`SELECT count(*) FROM temp.${table} WHERE blank`).pluck().get() as number;
  const read = db
    .prepare(`SELECT org FROM temp.${table} WHERE rowid > @from AND rowid <= @to ORDER BY rowid`)
    .pluck();
  return { kind: 'sorted', table, total: inserted, values: inserted - blanks, read };
}

export function dropSorted(db: Db, order: Sorted): void {
  db.prepare(`DROP TABLE IF EXISTS temp.${order.table}`).run();
}
