import type { Statement } from 'better-sqlite3';
import type { OrgQuery, OrgSortColumn } from '../shared/contract';
import type { OrgPage, OrgRow } from '../shared/domain';
import { AppError } from '../shared/errors';
import type { Db } from './connection';
import { decodeOrgRow } from './columns';
import { requireSchema } from './migrate';
import type { OrganizationRepository } from './repositories';

/**
 * Sort keys per sortable column, written exactly as the indexes of migration 002 declare them so
 * that SQLite walks an index instead of sorting. NULLs are folded to a value below every real one,
 * which keeps the keyset comparison a plain row-value comparison.
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function createOrganizationRepository(db: Db): OrganizationRepository {
  requireSchema(db);
  const statements = new Map<string, Statement>();
  const counts = new Map<string, number>();
  let countsVersion = '';
  const version = db.prepare<[], { v: string }>(
    "SELECT (SELECT total_changes()) || ':' || (SELECT data_version FROM pragma_data_version) AS v",
  );

  function prepared(sql: string): Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  function filters(query: OrgQuery): { where: string[]; params: Record<string, KeyValue> } {
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
    return { where, params };
  }

  // Counts are cached per filter until this or another connection writes to the file.
  function total(where: string[], params: Record<string, KeyValue>): number {
    const current = version.get()!.v;
    if (current !== countsVersion) {
      counts.clear();
      countsVersion = current;
    }
    const key = JSON.stringify(params);
    let n = counts.get(key);
    if (n === undefined) {
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      n = (prepared(`SELECT count(*) AS n FROM organizations ${clause}`).get(params) as { n: number }).n;
      counts.set(key, n);
    }
    return n;
  }

  return {
    query(query) {
      const keys = [...sortKeys[query.sort], 'organization_id'];
      const { where, params } = filters(query);
      const backward = Boolean(query.before);
      const cursor = query.before ?? query.after;
      const pageWhere = [...where];
      const pageParams: Record<string, KeyValue | number> = { ...params, limit: query.limit + 1 };
      const ascending = (query.dir === 'asc') !== backward;
      if (cursor) {
        const values = decodeCursor(cursor, keys.length);
        values.forEach((value, i) => (pageParams[`k${i}`] = value));
        pageWhere.push(
          `(${keys.join(', ')}) ${ascending ? '>' : '<'} (${keys.map((_, i) => `@k${i}`).join(', ')})`,
        );
      }
      const order = keys.map((k) => `${k} ${ascending ? 'ASC' : 'DESC'}`).join(', ');
      const useOffset = !cursor && query.offset !== undefined;
      if (useOffset) pageParams.offset = query.offset ?? 0;
      const sql = `SELECT * FROM vw_organizations_full
        ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT @limit${useOffset ? ' OFFSET @offset' : ''}`;
      const statement = prepared(sql);
      const raw = statement.all(pageParams) as Record<string, unknown>[];
      const more = raw.length > query.limit;
      if (more) raw.pop();
      if (backward) raw.reverse();
      const keysSelect = prepared(
        `SELECT ${keys.join(', ')} FROM organizations WHERE organization_id = ?`,
      ).raw();
      const keyOf = (row: Record<string, unknown>) =>
        encodeCursor(keysSelect.get(row.organization_id) as KeyValue[]);
      const rows: OrgRow[] = raw.map(decodeOrgRow);
      const first = raw[0];
      const last = raw[raw.length - 1];
      const hasBefore = backward ? more : Boolean(cursor) || (query.offset ?? 0) > 0;
      const hasAfter = backward ? true : more;
      return {
        columns: statement.columns().map((c) => c.name),
        rows,
        total: total(where, params),
        limit: query.limit,
        next_cursor: last && hasAfter ? keyOf(last) : null,
        prev_cursor: first && hasBefore ? keyOf(first) : null,
      };
    },
  };
}
