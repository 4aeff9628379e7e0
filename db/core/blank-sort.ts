import type { OrgSortColumn } from '../../shared/org-query';
import type { KeyValue } from './cursor';

/**
 * Blanks (NULL) sort last in both directions, on both engines. The indexed sorts' keys fold NULL into
 * a value (the paging indexes' expressions: SQLite migration 004, PostgreSQL migration 003), so an
 * order with blanks last is read as ranges of one index, each a seek: the keys below the folded value,
 * the keys above it (in the sort's direction, these two are every non-blank row) and then the keys
 * equal to it, the blanks, in tie-breaker order. A real value equal to the folded one (a revenue of
 * exactly -1) sorts with the blanks.
 */
export const blankKeys: Partial<Record<OrgSortColumn, KeyValue>> = {
  annual_revenue_usd: -1,
  employee_count: -1,
  founding_year: 0,
  headquarters_country: '',
};

export type KeyRange = 'below' | 'above' | 'blank';

/**
 * The ranges of the first key in the order they are read: `ascending` is the SQL direction of the
 * read, `backward` whether it walks the order in reverse (from a `before` cursor). A sort without
 * a folded value is one range, null.
 */
export function keyRanges(sort: OrgSortColumn, ascending: boolean, backward: boolean): (KeyRange | null)[] {
  if (blankKeys[sort] === undefined) return [null];
  const values: KeyRange[] = ascending ? ['below', 'above'] : ['above', 'below'];
  return backward ? ['blank', ...values] : [...values, 'blank'];
}

/** The range a cursor's first key lies in. */
export function rangeOf(sort: OrgSortColumn, key: KeyValue | undefined): KeyRange | null {
  const blank = blankKeys[sort];
  if (blank === undefined || key === undefined) return null;
  if (key === blank) return 'blank';
  return key < blank ? 'below' : 'above';
}

/** The condition a range puts on the key expression, against the bound parameter @blank. */
export function rangeCondition(range: KeyRange, key: string): string {
  return `${key} ${range === 'below' ? '<' : range === 'above' ? '>' : '='} @blank`;
}

/**
 * The ascending positions that make up positions [start, end) of an order whose first `values` rows
 * are not blank: ascending, the window itself; descending, each part (values, blanks) mirrored on its
 * own, to be read ascending and then reversed, in the order given.
 */
export function ascendingParts(
  dir: 'asc' | 'desc',
  start: number,
  end: number,
  total: number,
  values: number,
): { from: number; to: number }[] {
  if (dir === 'asc') return [{ from: start, to: end }];
  const parts: { from: number; to: number }[] = [];
  if (start < values) parts.push({ from: values - Math.min(end, values), to: values - start });
  if (end > values) {
    const a = Math.max(start, values);
    parts.push({ from: total - end + values, to: total - a + values });
  }
  return parts;
}
