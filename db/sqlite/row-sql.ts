import type { Db } from './connection';
import { attributeTables, type AttributeTable } from '../core/columns';
import { sectorColumn } from '../core/cursor';
import { readsAttributes } from '../core/row-columns';

/** The row statement for organizations of a sector without an attribute table (one a user added). */
export const NO_ATTRIBUTES = '';

/** How a sector's rows are read: the SQL, and where each column it selects goes in the row. */
export interface RowRead {
  sql: string;
  /**
   * The positions, among the requested columns, of the ones the SQL selects (then the rowid); the
   * others are another sector's attributes, NULL for this one. Selecting them would cost the driver
   * a value each: about half the columns of a row of the whole view.
   */
  positions: number[];
}

/**
 * Per sector, how to read organizations by rowid with exactly these columns of the view (then the
 * rowid), joining only that sector's attribute table; under NO_ATTRIBUTES, one that joins none,
 * and only that one when no attribute is asked for. Identifiers come from the reference
 * configuration and the view's own column list.
 */
export function rowSql(db: Db, columns: string[]): Map<string, RowRead> {
  const orgColumns = new Set(
    db.prepare("SELECT name FROM pragma_table_info('organizations')").pluck().all() as string[],
  );
  const read = (table: AttributeTable | null): RowRead => {
    const select: string[] = [];
    const positions: number[] = [];
    columns.forEach((name, i) => {
      const column = sectorColumn(name, orgColumns, table);
      if (column === null) return;
      select.push(column);
      positions.push(i);
    });
    return {
      sql: `SELECT ${[...select, 'o.rowid'].join(', ')}
      FROM organizations AS o
      JOIN focus_groups AS fg ON fg.focus_group_id = o.focus_group_id${
        table ? `\n      LEFT JOIN ${table.table} AS a ON a.organization_id = o.organization_id` : ''
      }
      WHERE o.rowid IN (SELECT value FROM json_each(?))`,
      positions,
    };
  };
  if (!readsAttributes(columns)) return new Map([[NO_ATTRIBUTES, read(null)]]);
  return new Map([
    ...attributeTables().map((table) => [table.sectorId, read(table)] as const),
    [NO_ATTRIBUTES, read(null)],
  ]);
}
