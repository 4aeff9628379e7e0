import { createHash } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import {
  isIndexedSort,
  type OrgFilter,
  type OrgQuery,
  type OrgSelection,
  type OrgSortColumn,
} from '../../shared/org-query';
import { knownColumn, type FilterDialect } from '../core/org-filters';
import { decodeCursor, filters } from '../core/cursor';
import { loadReference } from '../core/reference';
import { blankKeys, keyRanges, rangeCondition, rangeOf, type KeyRange } from '../core/blank-sort';

/**
 * The SQL of organization pages, counts and orders on PostgreSQL, built from the SQLite side's
 * filters with PostgreSQL's dialect so that both engines select and order the same rows. Text is
 * compared under the "C" collation (byte order, as SQLite compares it) and NULL sorts last in both
 * directions, as in SQLite; organization_id breaks ties where SQLite uses the rowid (sample ids are
 * time-ordered, so both follow insertion order).
 */

/** Organization columns that PostgreSQL stores as something other than text (reference types). */
const nonText = new Map(
  loadReference()
    .organization_columns.filter(([, type]) => /^(uuid|timestamp)/.test(type))
    .map(([name, type]) => [name, type.startsWith('uuid') ? 'uuid' : 'timestamp'] as const),
);

export const pgDialect: FilterDialect = {
  equals: (column, param) => `${column} COLLATE "C" = ${param}`,
  // ILIKE under "C" folds ASCII letters only, as SQLite's LIKE does.
  like: (expr, param) => `${expr} COLLATE "C" ILIKE ${param} ESCAPE '\\'`,
  number: (param) => `${param}::numeric`,
  boolean: (param) => `${param}::boolean`,
  has: (expr, param) => `${param} = ANY(${expr})`,
  // Timestamps as the SQLite side stores them (ISO 8601 in UTC with milliseconds).
  text: (expr, column) =>
    nonText.get(column) === 'timestamp'
      ? `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : nonText.has(column)
        ? `${expr}::text`
        : expr,
};

type Bound = string | number | string[];

/**
 * Runs a statement as a prepared one, named by its text: each connection of the pool parses and
 * plans it once. Planning the view's eight-table join cost more than running it for a page.
 */
export async function queryRows<Row extends unknown[]>(
  db: pg.Pool | pg.PoolClient,
  query: { text: string; values?: Bound[] },
): Promise<Row[]> {
  const name = `org_${createHash('sha1').update(query.text).digest('base64url').slice(0, 20)}`;
  const result = await db.query<Row>({
    name,
    text: query.text,
    values: query.values ?? [],
    rowMode: 'array',
  });
  return result.rows;
}

/** Named parameters (@name) as PostgreSQL's numbered ones, with their values in order. */
export function positional(sql: string, params: Record<string, Bound>): { text: string; values: Bound[] } {
  const numbers = new Map<string, number>();
  const values: Bound[] = [];
  const text = sql.replace(/@([a-z_][a-z0-9_]*)/g, (_, name: string) => {
    let n = numbers.get(name);
    if (n === undefined) {
      const value = params[name];
      if (value === undefined) throw new AppError('INTERNAL', `No value bound for @${name}`);
      values.push(value);
      n = values.length;
      numbers.set(name, n);
    }
    return `$${n}`;
  });
  return { text, values };
}

/** The keys of each indexed sort, as migration 003's indexes have them (after any pinned column). */
const sortKeys: Record<OrgSortColumn, { column: string; key: string }[]> = {
  legal_name: [{ column: 'legal_name', key: 'legal_name COLLATE "C"' }],
  annual_revenue_usd: [{ column: 'annual_revenue_usd', key: 'coalesce(annual_revenue_usd, -1)' }],
  employee_count: [{ column: 'employee_count', key: 'coalesce(employee_count, -1)' }],
  founding_year: [{ column: 'founding_year', key: 'coalesce(founding_year, 0)' }],
  headquarters_country: [
    { column: 'headquarters_country', key: `coalesce(headquarters_country, '') COLLATE "C"` },
  ],
  status: [
    { column: 'status', key: 'status COLLATE "C"' },
    { column: 'legal_name', key: 'legal_name COLLATE "C"' },
  ],
  sector_name: [
    { column: 'focus_group_id', key: 'focus_group_id COLLATE "C"' },
    { column: 'legal_name', key: 'legal_name COLLATE "C"' },
  ],
};

/** An indexed sort's key expressions, without a column an equality filter pins. */
export function pgSortKeys(selection: OrgFilter & { sort: OrgSortColumn }): string[] {
  return sortKeys[selection.sort]
    .filter(
      ({ column }) =>
        !(column === 'focus_group_id' && selection.focus_group_id) &&
        !(column === 'status' && selection.status),
    )
    .map(({ key }) => key);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isUuid = (value: string | number) => typeof value === 'string' && uuid.test(value);

export function pgFilters(filter: OrgFilter): { where: string[]; params: Record<string, Bound> } {
  return filters(filter, pgDialect);
}

const whereClause = (where: string[]) => (where.length ? ` WHERE ${where.join(' AND ')}` : '');

export interface PgKeyQuery {
  /**
   * Statements run in order until enough rows are read, each taking @limit: the range of the first
   * key the cursor is in, then the later ranges (blanks last, db/core/blank-sort.ts).
   */
  steps: string[];
  params: Record<string, Bound>;
  /** Sort keys per row before organization_id. */
  keys: number;
}

/**
 * The sort keys and ids of a page of an indexed sort, from organizations' indexes alone: after or
 * before a cursor (one row-value comparison, which PostgreSQL seeks on). An offset is applied by
 * the reader of the steps.
 */
export function pgKeyQuery(
  query: Pick<OrgQuery, 'sort' | 'dir' | 'after' | 'before'> & OrgFilter,
): PgKeyQuery & { backward: boolean; cursor: string | null } {
  const { where, params } = pgFilters(query);
  const keys = pgSortKeys(query);
  const columns = [...keys, 'organization_id'];
  const backward = Boolean(query.before);
  const cursor = query.before ?? query.after ?? null;
  const ascending = (query.dir === 'asc') !== backward;
  const bound: Record<string, Bound> = { ...params };
  const blank = blankKeys[query.sort];
  if (blank !== undefined) bound.blank = blank;
  const dir = ascending ? 'ASC' : 'DESC';
  const select = (range: KeyRange | null, conditions: string[]) =>
    `SELECT ${columns.join(', ')} FROM organizations${whereClause([
      ...where,
      ...(range ? [rangeCondition(range, columns[0] as string)] : []),
      ...conditions,
    ])} ORDER BY ${columns.map((c) => `${c} ${dir}`).join(', ')} LIMIT @limit`;
  const ranges = keyRanges(query.sort, ascending, backward);
  if (!cursor) {
    return {
      steps: ranges.map((range) => select(range, [])),
      params: bound,
      keys: keys.length,
      backward,
      cursor,
    };
  }
  const values = decodeCursor(cursor, columns.length, isUuid);
  values.forEach((value, i) => (bound[`k${i}`] = value));
  const range = rangeOf(query.sort, values[0]);
  const past = `ROW(${columns.join(', ')}) ${ascending ? '>' : '<'} ROW(${columns.map((_, i) => `@k${i}`).join(', ')})`;
  const steps = [
    select(range, [past]),
    ...ranges.slice(ranges.indexOf(range) + 1).map((later) => select(later, [])),
  ];
  return { steps, params: bound, keys: keys.length, backward, cursor };
}

/** The first `want` key rows of a page's steps. */
export async function readKeys(
  db: pg.Pool | pg.PoolClient,
  page: PgKeyQuery,
  want: number,
): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  for (const sql of page.steps) {
    if (rows.length >= want) break;
    rows.push(
      ...(await queryRows<(string | number)[]>(
        db,
        positional(sql, { ...page.params, limit: want - rows.length }),
      )),
    );
  }
  return rows;
}

/**
 * Every K-th key of one range of an indexed sort's ascending order, numbered after the `skip` rows
 * of the ranges before it, computed in the server; with the range's row count.
 */
export function pgAnchorQueries(
  selection: OrgFilter & { sort: OrgSortColumn },
  range: KeyRange | null,
  every: number,
  skip: number,
): { anchors: { text: string; values: Bound[] }; count: { text: string; values: Bound[] } } {
  const { where, params } = pgFilters(selection);
  const keys = pgSortKeys(selection);
  const columns = [...keys, 'organization_id'];
  const named = columns.map((c, i) => `${c} AS k${i}`);
  const conditions = [...where, ...(range ? [rangeCondition(range, columns[0] as string)] : [])];
  const bound: Record<string, Bound> = { ...params };
  if (range) bound.blank = blankKeys[selection.sort] as Bound;
  const anchors = `SELECT ${columns.map((_, i) => `k${i}`).join(', ')} FROM (
      SELECT ${named.join(', ')}, row_number() OVER (ORDER BY ${columns.join(', ')}) AS n
      FROM organizations${whereClause(conditions)}) AS ordered
    WHERE (n + @skip) % @every = 0 ORDER BY n`;
  return {
    anchors: positional(anchors, { ...bound, skip, every }),
    count: positional(`SELECT count(*)::int AS n FROM organizations${whereClause(conditions)}`, bound),
  };
}

/** The count of a filter: a sum over organization_counts when only sector and status filter. */
export function pgCountQuery(filter: OrgFilter): { text: string; values: Bound[] } {
  const { where, params } = pgFilters(filter);
  const byCounts = !filter.search && (filter.where ?? []).length === 0;
  const sql = byCounts
    ? `SELECT coalesce(sum(organizations), 0) AS n FROM organization_counts${whereClause(where)}`
    : `SELECT count(*) AS n FROM organizations${whereClause(where)}`;
  return positional(sql, params);
}

/** How a column of the view sorts as SQLite sorts it: text by bytes, arrays by their JSON text. */
export function pgSortValue(name: string): string {
  const column = knownColumn(name);
  const expr = `organizations.${column.name}`;
  // Numbers, and days (ISO dates sort as their text does).
  if (nonText.has(name) || column.place.where === 'assessment') return expr;
  if (column.kind === 'array') return `array_to_json(${expr})::text COLLATE "C"`;
  return column.kind === 'text' ? `${expr} COLLATE "C"` : expr;
}

/**
 * The selection's rows in order, over the view (named `organizations` so that the shared filters
 * apply to it): `select` picks what to read. NULLs come last in both directions, as in SQLite (an
 * indexed key's folded value counts as NULL).
 */
export function pgOrderedQuery(
  selection: OrgSelection,
  select: string,
  offset = 0,
): { text: string; values: Bound[] } {
  const { where, params } = pgFilters(selection);
  const dir = selection.dir === 'asc' ? 'ASC' : 'DESC';
  const bound: Record<string, Bound> = { ...params };
  let keys: string[];
  if (isIndexedSort(selection.sort)) {
    keys = pgSortKeys({ ...selection, sort: selection.sort });
    const blank = blankKeys[selection.sort];
    if (blank !== undefined) {
      bound.blank = blank;
      keys = [`(${keys[0] as string} = @blank) ASC`, ...keys.map((key) => `${key} ${dir}`)];
    } else keys = keys.map((key) => `${key} ${dir}`);
  } else keys = [`${pgSortValue(selection.sort)} ${dir} NULLS LAST`];
  const order = [...keys, `organizations.organization_id ${dir}`].join(', ');
  // The server passes over the rows before `offset`: none of them is sent, decoded or written.
  const skip = offset > 0 ? ' OFFSET @offset' : '';
  const sql = `SELECT ${select} FROM vw_organizations_full AS organizations${whereClause(where)} ORDER BY ${order}${skip}`;
  return positional(sql, offset > 0 ? { ...bound, offset } : bound);
}
