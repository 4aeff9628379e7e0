import type { OrgQuery, OrgSortColumn } from '../../shared/org-query';
import { decodeCursor, type KeyValue } from '../core/cursor';
import { blankKeys, keyRanges, rangeCondition, rangeOf, type KeyRange } from '../core/blank-sort';
import { sqliteFilters } from './filter-dialect';

/**
 * Sort keys per sortable column: the expressions of migration 004's indexes (NULL folded into a
 * value, so every key compares; db/core/blank-sort.ts reads the blanks last), in index order. The
 * rowid, which every index entry ends in, breaks ties.
 */
const sortKeys: Record<OrgSortColumn, string[]> = {
  legal_name: ['legal_name'],
  annual_revenue_usd: ['coalesce(annual_revenue_usd, -1)'],
  employee_count: ['coalesce(employee_count, -1)'],
  founding_year: ['coalesce(founding_year, 0)'],
  headquarters_country: ["coalesce(headquarters_country, '')"],
  status: ['status', 'legal_name'],
  sector_name: ['focus_group_id', 'legal_name'],
};

export interface PageQuery {
  /**
   * Statements run in order until the page is full: with a cursor, first the rows that tie with it
   * on every key (key = ? AND rowid > ?), then each looser range (key = ? AND next key > ?, ...,
   * first key > ?), then the first key's later ranges (blanks last). Each is one index range:
   * SQLite does not use the rowid of a row-value comparison (key, rowid) > (?, ?) to seek, so a
   * single statement would scan every tie. `@limit` is bound per statement to the rows still wanted.
   */
  steps: string[];
  params: Record<string, KeyValue>;
  keys: string[];
  backward: boolean;
  cursor: string | null;
}

/**
 * The page's keys and rowids, read from organizations' indexes alone (the rows are fetched by rowid
 * afterwards). The SQL text depends only on which filters and which sort are in use. An offset is
 * applied by the caller, across the steps.
 */
export function buildPageQuery(query: OrgQuery): PageQuery {
  const { where, params } = sqliteFilters(query);
  // A key pinned by an equality filter is constant on every page; leaving it in the comparison
  // would stop SQLite from seeking past it.
  const pinned = (key: string) =>
    (key === 'focus_group_id' && query.focus_group_id) || (key === 'status' && query.status);
  const keys = sortKeys[query.sort].filter((key) => !pinned(key));
  const backward = Boolean(query.before);
  const cursor = query.before ?? query.after ?? null;
  const pageParams: Record<string, KeyValue> = { ...params };
  const blank = blankKeys[query.sort];
  if (blank !== undefined) pageParams.blank = blank;
  const ascending = (query.dir === 'asc') !== backward;
  const dir = ascending ? 'ASC' : 'DESC';
  const columns = [...keys, 'rowid'];
  const first = columns[0] as string;
  // Columns pinned by an equality are left out of ORDER BY: SQLite does not see that an expression
  // compared with = is constant and would sort the whole range of ties.
  const select = (conditions: string[], order: string[]) =>
    `SELECT ${columns.join(', ')} FROM organizations${
      conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''
    } ORDER BY ${order.map((c) => `${c} ${dir}`).join(', ')} LIMIT @limit`;
  const inRange = (range: KeyRange | null) => (range ? [rangeCondition(range, first)] : []);
  const whole = (range: KeyRange | null) =>
    select([...where, ...inRange(range)], range === 'blank' ? ['rowid'] : columns);
  const ranges = keyRanges(query.sort, ascending, backward);
  if (!cursor) return { steps: ranges.map(whole), params: pageParams, keys, backward, cursor };

  const values = decodeCursor(cursor, columns.length);
  values.forEach((value, i) => (pageParams[`k${i}`] = value));
  const past = ascending ? '>' : '<';
  const range = rangeOf(query.sort, values[0]);
  // Step j pins the first j columns to the cursor's values and moves past it on column j; among
  // the blanks only the tie-breaker moves.
  const pinnedSteps = range === 'blank' ? [columns.length - 1] : columns.map((_, j) => j).reverse();
  // The cursor's own key already lies in its range: where moving past it moves away from the folded
  // value (or the key is pinned to it), the range's bound is implied, and a second bound on the
  // same side would be the one SQLite seeks to, reading every key between the two.
  const implied = (j: number) => j > 0 || (range === 'above') === (past === '>');
  const steps = pinnedSteps.map((j) =>
    select(
      [
        ...where,
        ...(range === 'blank' || implied(j) ? [] : inRange(range)),
        ...columns.slice(0, j).map((c, i) => `${c} = @k${i}`),
        `${columns[j] as string} ${past} @k${j}`,
      ],
      range === 'blank' ? ['rowid'] : columns.slice(j),
    ),
  );
  const later = ranges.slice(ranges.indexOf(range) + 1).map(whole);
  return { steps: [...steps, ...later], params: pageParams, keys, backward, cursor };
}
