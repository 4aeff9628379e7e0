import type { Statement } from 'better-sqlite3';
import type { OrgPage } from '../../shared/domain';
import type { OrgFilter, OrgQuery, OrgSelection, OrgSortColumn } from '../../shared/org-query';
import { decodeCursor, encodeCursor, sectorRowColumns, type KeyValue } from '../core/cursor';
import { sqliteFilters } from './filter-dialect';
import { AppError } from '../../shared/errors';
import type { Db } from './connection';
import { attributeTables, rowDecoder, type AttributeTable } from '../core/columns';
import { requireSchema } from './migrate';
import { blankKeys, keyRanges, rangeCondition, rangeOf, type KeyRange } from '../core/blank-sort';

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

export interface OrganizationRepository {
  /** The unified view's column names, in order. */
  readonly columns: string[];
  query(query: OrgQuery): OrgPage;
  count(filter: OrgFilter): number;
  /** Every matching row of the view as SQLite returns it (arrays in `columns` order), in keyset chunks. */
  scan(selection: KeysetSelection, chunkSize: number): Generator<unknown[][]>;
  /**
   * The sort keys of an indexed sort's rows after the query's cursor, each ending in the row's
   * rowid, ascending or descending as asked (not for `before`), read lazily: what keyset positions
   * (anchors) are built from and stepped along.
   */
  keys(query: OrgQuery & { sort: OrgSortColumn }): Generator<(string | number)[]>;
  /** The view's rows of these organizations (by rowid) as SQLite returns them, in the order given. */
  rowsByRowid(rowids: number[]): unknown[][];
}

/** A selection in an indexed order, which keyset paging serves. */
export type KeysetSelection = OrgSelection & { sort: OrgSortColumn };

export function createOrganizationRepository(db: Db): OrganizationRepository {
  requireSchema(db);
  const statements = new Map<string, Statement>();
  const counts = new Map<string, number>();
  let countsVersion = '';
  const version = db
    .prepare<[], string>(
      "SELECT (SELECT total_changes()) || ':' || (SELECT data_version FROM pragma_data_version)",
    )
    .pluck();

  const columns = db
    .prepare('SELECT * FROM vw_organizations_full LIMIT 0')
    .columns()
    .map((c) => c.name);
  const rowStatements = new Map(
    [...rowSql(db, columns)].map(([sector, sql]) => [sector, db.prepare(sql).raw()] as const),
  );
  const sectorsOf = db
    .prepare(
      'SELECT rowid, focus_group_id FROM organizations WHERE rowid IN (SELECT value FROM json_each(?))',
    )
    .raw();
  const decode = rowDecoder(columns);
  const sectorExists = db
    .prepare<[string], number>('SELECT 1 FROM focus_groups WHERE focus_group_id = ?')
    .pluck();

  function prepared(sql: string): Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  // Counts are cached per filter until this or another connection writes to the file. Filtered by
  // sector and status alone they are sums over organization_counts (migration 5), which triggers
  // keep; a name search or a column filter counts the matching organizations.
  function total(filter: OrgFilter): number {
    const { where, params } = sqliteFilters(filter);
    const byCounts = !filter.search && (filter.where ?? []).length === 0;
    const current = version.get() ?? '';
    if (current !== countsVersion) {
      counts.clear();
      countsVersion = current;
    }
    const key = JSON.stringify([where, params]);
    let n = counts.get(key);
    if (n === undefined) {
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const sql = byCounts
        ? `SELECT coalesce(sum(organizations), 0) AS n FROM organization_counts ${clause}`
        : `SELECT count(*) AS n FROM organizations ${clause}`;
      n = (prepared(sql).get(params) as { n: number }).n;
      counts.set(key, n);
    }
    return n;
  }

  function keyPage(query: OrgQuery) {
    if (query.focus_group_id && !sectorExists.get(query.focus_group_id)) {
      throw new AppError('NOT_FOUND', `Unknown sector: ${query.focus_group_id}`);
    }
    const page = buildPageQuery(query);
    let skip = page.cursor ? 0 : (query.offset ?? 0);
    const want = query.limit + 1;
    const keyRows: KeyValue[][] = [];
    for (const sql of page.steps) {
      const statement = prepared(sql).raw();
      if (skip === 0) {
        const rows = statement.all({ ...page.params, limit: want - keyRows.length }) as KeyValue[][];
        for (const row of rows) keyRows.push(row);
      } else {
        // An offset spans the steps (blanks are a later step), so it is counted off here, row by row
        // without keeping them: a CLI offset deep into a million rows holds one page, not the rest.
        for (const row of statement.iterate({ ...page.params, limit: -1 }) as Iterable<KeyValue[]>) {
          if (skip > 0) skip--;
          else if (keyRows.push(row) >= want) break;
        }
      }
      if (keyRows.length >= want) break;
    }
    const more = keyRows.length > query.limit;
    if (more) keyRows.pop();
    if (page.backward) keyRows.reverse();
    return { page, keyRows, more };
  }

  /**
   * The view's rows for a page of keys, as arrays in the keys' order, read by rowid. Each row joins
   * only its own sector's attribute table (the triggers keep the other six empty for it): within a
   * sector filter that is one statement; otherwise the page's rows are grouped by sector first.
   */
  function rowsOf(keyRows: KeyValue[][], sector: string | null | undefined): unknown[][] {
    const rowids = keyRows.map((k) => k[k.length - 1] as number);
    const groups = new Map<string, number[]>();
    if (sector) groups.set(sector, rowids);
    else {
      for (const [rowid, sectorId] of sectorsOf.all(JSON.stringify(rowids)) as [number, string][]) {
        const group = groups.get(sectorId);
        if (group) group.push(rowid);
        else groups.set(sectorId, [rowid]);
      }
    }
    const byRowid = new Map<number, unknown[]>();
    for (const [sectorId, ids] of groups) {
      const statement = rowStatements.get(sectorId) ?? (rowStatements.get(NO_ATTRIBUTES) as Statement);
      for (const row of statement.all(JSON.stringify(ids)) as unknown[][]) {
        byRowid.set(row.pop() as number, row);
      }
    }
    return rowids.flatMap((rowid) => {
      const row = byRowid.get(rowid);
      return row ? [row] : [];
    });
  }

  return {
    columns,

    query(query) {
      const { page, keyRows, more } = keyPage(query);
      const hasBefore = page.backward ? more : page.cursor !== null || (query.offset ?? 0) > 0;
      const hasAfter = page.backward || more;
      const first = keyRows[0];
      const last = keyRows[keyRows.length - 1];
      return {
        columns,
        rows: rowsOf(keyRows, query.focus_group_id).map(decode),
        total: total(query),
        limit: query.limit,
        next_cursor: hasAfter && last ? encodeCursor(last) : null,
        prev_cursor: hasBefore && first ? encodeCursor(first) : null,
      };
    },

    count(filter) {
      return total(filter);
    },

    *keys(query) {
      if (query.focus_group_id && !sectorExists.get(query.focus_group_id)) {
        throw new AppError('NOT_FOUND', `Unknown sector: ${query.focus_group_id}`);
      }
      const page = buildPageQuery({ ...query, before: null });
      for (const sql of page.steps) {
        yield* prepared(sql)
          .raw()
          .iterate({ ...page.params, limit: -1 }) as Iterable<KeyValue[]>;
      }
    },

    rowsByRowid(rowids) {
      return rowsOf(
        rowids.map((rowid) => [rowid]),
        null,
      );
    },

    // Each chunk is its own short query, so nothing holds the connection between chunks.
    *scan(filter, chunkSize) {
      let after: string | null = null;
      for (;;) {
        const { keyRows, more } = keyPage({ ...filter, limit: chunkSize, after });
        if (keyRows.length > 0) yield rowsOf(keyRows, filter.focus_group_id);
        const last = keyRows[keyRows.length - 1];
        if (!more || !last) return;
        after = encodeCursor(last);
      }
    },
  };
}

/** The row statement for organizations of a sector without an attribute table (one a user added). */
const NO_ATTRIBUTES = '';

/**
 * Per sector, the SQL that reads organizations by rowid with exactly the view's columns (then the
 * rowid), joining only that sector's attribute table and selecting NULL for every other sector's
 * columns; under NO_ATTRIBUTES, one that joins none. Identifiers come from the reference
 * configuration and the view's own column list.
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
  return new Map([
    ...attributeTables().map((table) => [table.sectorId, sql(table)] as const),
    [NO_ATTRIBUTES, sql(null)],
  ]);
}
