import type { OrgRow, OrgValue } from '../../shared/domain';
import { attributeTables, columnKind, type AttributeTable, type ColumnKind } from '../core/columns';
import { sectorRowColumns } from '../core/cursor';
import { loadReference } from '../core/reference';
import { readsAttributes } from '../core/row-columns';

/** Column sets whose row statements are kept; the grid asks for a few as it scrolls sideways. */
const KEEP_COLUMN_SETS = 8;

interface RowQuery {
  text: string;
  sectors: (string | null)[];
}

/**
 * The view's rows of given organizations, with these of its columns, as one statement: per sector a
 * branch that joins only its own attribute table (the triggers keep the other six empty for it) and
 * reads NULL for the other sectors' columns, given that sector's ids; a last branch, joining none,
 * takes organizations of a sector without an attribute table, and is the only one when no attribute
 * is asked for. Eight index probes per row through the view cost 5x more.
 */
const nullTypes: Record<ColumnKind, string> = {
  text: 'text',
  integer: 'integer',
  decimal: 'numeric',
  boolean: 'boolean',
  array: 'varchar[]',
};
/** A NULL of the column's type: UNION ALL resolves each column's type from its branches in turn. */
const typedNull = (name: string) => `NULL::${nullTypes[columnKind(name) ?? 'text']}`;

function sectorRowQuery(columns: string[]): RowQuery {
  const orgColumns = new Set(loadReference().organization_columns.map(([name]) => name));
  const tables: (AttributeTable | null)[] = [...(readsAttributes(columns) ? attributeTables() : []), null];
  const branch = (table: AttributeTable | null, i: number) =>
    `SELECT ${sectorRowColumns(columns, orgColumns, table, typedNull).join(', ')}
     FROM organizations AS o JOIN focus_groups AS fg ON fg.focus_group_id = o.focus_group_id${
       table ? ` LEFT JOIN ${table.table} AS a ON a.organization_id = o.organization_id` : ''
     }
     WHERE o.organization_id = ANY($${i + 1}::uuid[])`;
  return {
    text: tables.map(branch).join('\nUNION ALL\n'),
    sectors: tables.map((table) => table?.sectorId ?? null),
  };
}

export function toOrgRow(names: string[], values: OrgValue[]): OrgRow {
  const row: OrgRow = {};
  names.forEach((name, i) => (row[name] = values[i] ?? null));
  return row;
}

/** The row statement of each column set, built on first use; the least recently used go first. */
export function pgRowQueries(): (names: string[]) => RowQuery {
  const queries = new Map<string, RowQuery>();
  return (names) => {
    const key = names.join(',');
    const query = queries.get(key) ?? sectorRowQuery(names);
    queries.delete(key);
    queries.set(key, query);
    if (queries.size > KEEP_COLUMN_SETS) queries.delete(queries.keys().next().value as string);
    return query;
  };
}
