import { AppError } from '../../shared/errors';
import { attributeTables } from './columns';

/**
 * Read whatever a request names: the row's identity, its name (pinned on the grid, and what a delete
 * names), its sector (which cells it may edit) and when it last changed (what a save is checked against).
 */
export const alwaysReadColumns = ['organization_id', 'legal_name', 'focus_group_id', 'updated_at'];

/**
 * The view's columns a row request reads, in the view's order: every one when none are named;
 * otherwise those named, the ones always read and the sort's. A name the view does not have is
 * refused, so that only the view's own names ever reach the SQL.
 */
export function requestedColumns(
  view: string[],
  wanted: readonly string[] | undefined,
  sort: string,
): string[] {
  if (wanted === undefined) return view;
  const known = new Set(view);
  for (const name of wanted) {
    if (!known.has(name)) throw new AppError('INVALID_INPUT', `Unknown column: ${name}`);
  }
  const chosen = new Set([...alwaysReadColumns, ...wanted, sort]);
  return view.filter((name) => chosen.has(name));
}

/** Whether any of these columns is a sector's attribute, which only a join of its own table reads. */
export function readsAttributes(columns: readonly string[]): boolean {
  const attributes = new Set(attributeTables().flatMap((table) => table.columns.map((c) => c.name)));
  return columns.some((name) => attributes.has(name));
}
