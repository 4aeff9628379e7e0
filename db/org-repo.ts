import type { Statement } from 'better-sqlite3';
import type { OrgFilter, OrgQuery, OrgSortColumn } from '../shared/org-query';
import { columnFilterSql, escapeLike } from './org-filters';
import { AppError } from '../shared/errors';
import type { Db } from './connection';
import { attributeTables, rowDecoder } from './columns';
import { requireSchema } from './migrate';
import type { OrganizationRepository } from './repositories';

/** Sort keys per sortable column: the NULL-free key columns of migration 002, then their tie-breakers. */
const sortKeys: Record<OrgSortColumn, string[]> = {
  legal_name: ['legal_name'],
  annual_revenue_usd: ['revenue_key'],
  employee_count: ['employees_key'],
  founding_year: ['founded_key'],
  headquarters_country: ['country_key'],
  status: ['status', 'legal_name'],
  sector_name: ['focus_group_id', 'legal_name'],
};

type KeyValue = string | number;
type Cursor = KeyValue[];

export function encodeCursor(values: Cursor): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string, length: number): Cursor {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
    ) {
      return values as Cursor;
    }
  } catch {
    // fall through to the typed error
  }
  throw new AppError('INVALID_INPUT', 'Invalid page cursor: it does not belong to this sort order');
}

export function filters(query: OrgFilter): {
  where: string[];
  params: Record<string, KeyValue>;
} {
  const where: string[] = [];
  const params: Record<string, KeyValue> = {};
  if (query.focus_group_id) {
    where.push('focus_group_id = @focus_group_id');
    params.focus_group_id = query.focus_group_id;
  }
  if (query.status) {
    where.push('status = @status');
    params.status = query.status;
  }
  if (query.search) {
    where.push("legal_name LIKE @search ESCAPE '\\'");
    params.search = `%${escapeLike(query.search)}%`;
  }
  const columns = columnFilterSql(query.where);
  return { where: [...where, ...columns.where], params: { ...params, ...columns.params } };
}

export interface PageQuery {
  sql: string;
  params: Record<string, KeyValue>;
  keys: string[];
  backward: boolean;
  cursor: string | null;
}

/**
 * The page's keys, read from organizations and its indexes alone (the rows are fetched from the view
 * by id afterwards). The SQL text depends only on which filters and which sort are in use.
 */
export function buildPageQuery(query: OrgQuery): PageQuery {
  const { where, params } = filters(query);
  // A key pinned by an equality filter is constant on every page; leaving it in the row-value
  // comparison would stop SQLite from seeking past it.
  const pinned = (key: string) =>
    (key === 'focus_group_id' && query.focus_group_id) || (key === 'status' && query.status);
  const keys = [...sortKeys[query.sort].filter((key) => !pinned(key)), 'organization_id'];
  const backward = Boolean(query.before);
  const cursor = query.before ?? query.after ?? null;
  const pageParams: Record<string, KeyValue> = { ...params, limit: query.limit + 1 };
  const ascending = (query.dir === 'asc') !== backward;
  if (cursor) {
    decodeCursor(cursor, keys.length).forEach((value, i) => (pageParams[`k${i}`] = value));
    where.push(`(${keys.join(', ')}) ${ascending ? '>' : '<'} (${keys.map((_, i) => `@k${i}`).join(', ')})`);
  }
  const order = keys.map((k) => `${k} ${ascending ? 'ASC' : 'DESC'}`).join(', ');
  const useOffset = !cursor && query.offset !== undefined;
  if (useOffset) pageParams.offset = query.offset ?? 0;
  const sql = `SELECT ${keys.join(', ')} FROM organizations${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order} LIMIT @limit${useOffset ? ' OFFSET @offset' : ''}`;
  return { sql, params: pageParams, keys, backward, cursor };
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

  const viewById = db
    .prepare('SELECT * FROM vw_organizations_full WHERE organization_id IN (SELECT value FROM json_each(?))')
    .raw();
  const columns = viewById.columns().map((c) => c.name);
  const bySector = sectorRowStatements(db, columns);
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

  // Counts are cached per filter until this or another connection writes to the file.
  function total(where: string[], params: Record<string, KeyValue>): number {
    const current = version.get() ?? '';
    if (current !== countsVersion) {
      counts.clear();
      countsVersion = current;
    }
    const key = JSON.stringify([where, params]);
    let n = counts.get(key);
    if (n === undefined) {
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      n = (prepared(`SELECT count(*) AS n FROM organizations ${clause}`).get(params) as { n: number }).n;
      counts.set(key, n);
    }
    return n;
  }

  function keyPage(query: OrgQuery) {
    if (query.focus_group_id && !sectorExists.get(query.focus_group_id)) {
      throw new AppError('NOT_FOUND', `Unknown sector: ${query.focus_group_id}`);
    }
    const page = buildPageQuery(query);
    const keyRows = prepared(page.sql).raw().all(page.params) as KeyValue[][];
    const more = keyRows.length > query.limit;
    if (more) keyRows.pop();
    if (page.backward) keyRows.reverse();
    return { page, keyRows, more };
  }

  /**
   * The view's rows for a page of keys, as arrays in the keys' order. Within one sector only that
   * sector's attribute table is read (the triggers keep the other six empty for its organizations).
   */
  function rowsOf(keyRows: KeyValue[][], sector: string | null | undefined): unknown[][] {
    const ids = keyRows.map((k) => k[k.length - 1] as string);
    const statement = (sector && bySector.get(sector)) || viewById;
    const byId = new Map((statement.all(JSON.stringify(ids)) as unknown[][]).map((r) => [r[0], r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
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
      const { where, params } = filters(query);
      return {
        columns,
        rows: rowsOf(keyRows, query.focus_group_id).map(decode),
        total: total(where, params),
        limit: query.limit,
        next_cursor: hasAfter && last ? encodeCursor(last) : null,
        prev_cursor: hasBefore && first ? encodeCursor(first) : null,
      };
    },

    count(filter) {
      const { where, params } = filters(filter);
      return total(where, params);
    },

    rowsById(ids) {
      return rowsOf(
        ids.map((id) => [id]),
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

/**
 * Per sector, a statement with exactly the view's columns that joins only that sector's attribute
 * table and selects NULL for every other sector's columns. Identifiers come from the reference
 * configuration and the view's own column list.
 */
function sectorRowStatements(db: Db, columns: string[]): Map<string, Statement> {
  const orgColumns = new Set(
    db.prepare("SELECT name FROM pragma_table_info('organizations')").pluck().all() as string[],
  );
  return new Map(
    attributeTables().map((table) => {
      const own = new Set(table.columns.map((c) => c.name));
      const select = columns.map((name) => {
        if (orgColumns.has(name)) return `o.${name}`;
        if (name === 'sector_name') return 'fg.group_name AS sector_name';
        if (name === 'sector_code') return 'fg.group_code AS sector_code';
        return own.has(name) ? `a.${name}` : `NULL AS ${name}`;
      });
      const sql = `SELECT ${select.join(', ')}
        FROM organizations AS o
        JOIN focus_groups AS fg ON fg.focus_group_id = o.focus_group_id
        LEFT JOIN ${table.table} AS a ON a.organization_id = o.organization_id
        WHERE o.organization_id IN (SELECT value FROM json_each(?))`;
      return [table.focusGroupId, db.prepare(sql).raw()] as const;
    }),
  );
}
