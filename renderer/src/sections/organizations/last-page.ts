import type { OrgPage } from '../../../../shared/domain';

/** A page and the zero-based position of its first row within the filter. */
export type Placed = { page: OrgPage; start: number };

/**
 * The last page in the grid's order is the first page in the opposite order, read backwards.
 * Cursors are a boundary row's sort key whichever way the query ran, so the reversed page's
 * `next_cursor` (its last row, our first) is the `before` cursor of the page ahead of it.
 */
export function lastPageFromReversed(reversed: OrgPage): Placed {
  const rows = [...reversed.rows].reverse();
  return {
    page: { ...reversed, rows, prev_cursor: reversed.next_cursor, next_cursor: null },
    start: Math.max(0, reversed.total - rows.length),
  };
}
