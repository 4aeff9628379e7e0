import type { Db } from './connection';
import { attributeTables, type AttributeTable } from '../core/columns';
import { sectorRowColumns } from '../core/cursor';
import { readsAttributes } from '../core/row-columns';

/** The row statement for organizations of a sector without an attribute table (one a user added). */
export const NO_ATTRIBUTES = '';

/**
 * Per sector, the SQL that reads organizations by rowid with exactly these columns of the view (then
 * the rowid), joining only that sector's attribute table and selecting NULL for every other sector's
 * columns; under NO_ATTRIBUTES, one that joins none, and only that one when no attribute is asked
 * for. Identifiers come from the reference configuration and the view's own column list.
 */
export function rowSql(db: Db, columns: string[]): Map<string, string> {
  const orgColumns = new Set(
    db.prepare("SELECT name FROM pragma_table_info('organizations')").pluck().all() as string[],
  );
  const sql = (table: AttributeTable | null) => {
    const select = sectorRowColumns(columns, orgColumns, table);
    return `SELECT ${select.join(', ')}, o.rowid
      FROM organizations AS o
      JOIN focus_groups AS fg ON fg.focus_group_id = o.focus_group_id${
        table ? `\n      LEFT JOIN ${table.table} AS a ON a.organization_id = o.organization_id` : ''
      }
      WHERE o.rowid IN (SELECT value FROM json_each(?))`;
  };
  if (!readsAttributes(columns)) return new Map([[NO_ATTRIBUTES, sql(null)]]);
  return new Map([
    ...attributeTables().map((table) => [table.sectorId, sql(table)] as const),
    [NO_ATTRIBUTES, sql(null)],
  ]);
}
