import type { Statement } from 'better-sqlite3';
import type { OrgPage } from '../../shared/domain';
import type { OrgFilter, OrgQuery, OrgSelection, OrgSortColumn } from '../../shared/org-query';
import { encodeCursor, type KeyValue } from '../core/cursor';
import { sqliteFilters } from './filter-dialect';
import { AppError } from '../../shared/errors';
import type { Db } from './connection';
import { rowDecoder } from '../core/columns';
import { requireSchema } from './migrate';
import { buildPageQuery } from './page-query';
import { NO_ATTRIBUTES, rowSql } from './row-sql';
import { requestedColumns } from '../core/row-columns';

/** Column sets whose row statements are kept prepared; the grid asks for a few as it scrolls sideways. */
const KEEP_COLUMN_SETS = 8;

export interface OrganizationRepository {
  /** The unified view's column names, in order. */
  readonly columns: string[];
  query(query: OrgQuery): OrgPage;
  count(filter: OrgFilter): number;
  /**
   * Every matching row of the view as SQLite returns it (arrays in `columns` order), in keyset
   * chunks; after a cursor, the rows past it.
   */
  scan(selection: KeysetSelection, chunkSize: number, after?: string | null): Generator<unknown[][]>;
  /**
   * The sort keys of an indexed sort's rows after the query's cursor, each ending in the row's
   * rowid, ascending or descending as asked (not for `before`), read lazily: what keyset positions
   * (anchors) are built from and stepped along.
   */
  keys(query: OrgQuery & { sort: OrgSortColumn }): Generator<(string | number)[]>;
  /**
   * The view's rows of these organizations (by rowid) as SQLite returns them, in the order given,
   * with these of the view's columns (every one unless told).
   */
  rowsByRowid(rowids: number[], names?: string[]): unknown[][];
}

/** A selection in an indexed order, which keyset paging serves. */
export type KeysetSelection = OrgSelection & { sort: OrgSortColumn };

interface RowStatement {
  statement: Statement;
  positions: number[];
}

/** A row of the columns a sector has, placed among all the requested ones (NULL for the others). */
function spread(values: unknown[], positions: number[], width: number): unknown[] {
  if (positions.length === width) return values;
  const row = new Array<unknown>(width).fill(null);
  for (let i = 0; i < positions.length; i++) row[positions[i] as number] = values[i];
  return row;
}

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
  const rowStatementSets = new Map<string, Map<string, RowStatement>>();
  const sectorsOf = db
    .prepare(
      'SELECT rowid, focus_group_id FROM organizations WHERE rowid IN (SELECT value FROM json_each(?))',
    )
    .raw();
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

  /** The row statements of a column set (see rowSql), prepared on first use. */
  function rowStatementsOf(names: string[]): Map<string, RowStatement> {
    const key = names.join(',');
    let set = rowStatementSets.get(key);
    if (set) rowStatementSets.delete(key);
    else {
      set = new Map(
        [...rowSql(db, names)].map(([sector, { sql, positions }]) => [
          sector,
          { statement: db.prepare(sql).raw(), positions },
        ]),
      );
    }
    rowStatementSets.set(key, set);
    if (rowStatementSets.size > KEEP_COLUMN_SETS) {
      rowStatementSets.delete(rowStatementSets.keys().next().value as string);
    }
    return set;
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
   * The view's rows for a page of keys with these columns, as arrays in the keys' order, read by
   * rowid. Each row joins only its own sector's attribute table (the triggers keep the other six
   * empty for it): within a sector filter, or without attribute columns, that is one statement;
   * otherwise the page's rows are grouped by sector first.
   */
  function rowsOf(keyRows: KeyValue[][], sector: string | null | undefined, names = columns): unknown[][] {
    const rowStatements = rowStatementsOf(names);
    const rowids = keyRows.map((k) => k[k.length - 1] as number);
    const groups = new Map<string, number[]>();
    if (sector) groups.set(sector, rowids);
    else if (rowStatements.size === 1) groups.set(NO_ATTRIBUTES, rowids);
    else {
      for (const [rowid, sectorId] of sectorsOf.all(JSON.stringify(rowids)) as [number, string][]) {
        const group = groups.get(sectorId);
        if (group) group.push(rowid);
        else groups.set(sectorId, [rowid]);
      }
    }
    const byRowid = new Map<number, unknown[]>();
    for (const [sectorId, ids] of groups) {
      const { statement, positions } =
        rowStatements.get(sectorId) ?? (rowStatements.get(NO_ATTRIBUTES) as RowStatement);
      for (const row of statement.all(JSON.stringify(ids)) as unknown[][]) {
        byRowid.set(row.pop() as number, spread(row, positions, names.length));
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
      const names = requestedColumns(columns, query.columns, query.sort);
      return {
        columns: names,
        rows: rowsOf(keyRows, query.focus_group_id, names).map(rowDecoder(names)),
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

    rowsByRowid(rowids, names) {
      return rowsOf(
        rowids.map((rowid) => [rowid]),
        null,
        names,
      );
    },

    // Each chunk is its own short query, so nothing holds the connection between chunks.
    *scan(filter, chunkSize, from = null) {
      let after = from;
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
