import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { OrgRow, OrgValue } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { OrgFilter } from '../../shared/org-query';
import type { Storage } from '../../electron/backend/storage';
import { columnKind } from '../columns';
import { exportFormatter } from '../export';
import { noSchemaError } from '../migrate';
import { describeColumns, knownColumn } from '../org-filters';
import { encodeCursor } from '../org-repo';
import { pgSchemaVersion } from './migrate';
import { pgCountQuery, pgKeyQuery, pgOrderedQuery } from './org-sql';
import { pgPositionReader } from './org-positions';
import { typeParsers } from './pool';
import { pgInsertSampleOrganizations } from './sample-insert';

export type PgOrganizationStore = Pick<
  Storage,
  | 'queryOrganizations'
  | 'countOrganizations'
  | 'organizationColumns'
  | 'organizationRows'
  | 'insertSampleOrganizations'
  | 'exportOrganizations'
>;

/** The migration that creates the paging indexes, organization_counts and organization_changes. */
const PAGING_SCHEMA = 3;
const EXPORT_CHUNK = 2_000;

/** What the organization reads share: the view's columns, a sector check, rows by id, counts. */
export interface PgOrgReader {
  columns(): Promise<string[]>;
  checkSector(filter: OrgFilter): Promise<void>;
  /** The view's rows of these organizations, in the order given. */
  rowsByIds(ids: string[]): Promise<OrgRow[]>;
  count(filter: OrgFilter): Promise<number>;
  /** Runs `forget` whenever organizations or their attributes change (in any instance). */
  onChange(forget: () => void): void;
  /** Checks organization_changes: cached counts and positions are dropped when it moved. */
  refresh(): Promise<void>;
}

function pgOrgReader(pool: pg.Pool): PgOrgReader {
  let columns: string[] | undefined;
  let version: number | undefined;
  const counts = new Map<string, number>();
  const forgetters = new Set<() => void>([() => counts.clear()]);

  async function viewColumns(): Promise<string[]> {
    if (columns) return columns;
    if ((await pgSchemaVersion(pool)) < PAGING_SCHEMA) throw noSchemaError();
    const result = await pool.query({
      text: 'SELECT * FROM vw_organizations_full LIMIT 0',
      rowMode: 'array',
    });
    columns = result.fields.map((field) => field.name);
    return columns;
  }

  async function refresh(): Promise<void> {
    const { rows } = await pool.query<{ version: number }>('SELECT version FROM organization_changes');
    const now = rows[0]?.version;
    if (now !== version) {
      forgetters.forEach((drop) => drop());
      version = now;
    }
  }

  return {
    columns: viewColumns,
    refresh,
    onChange: (forget) => forgetters.add(forget),
    async checkSector(filter) {
      if (!filter.focus_group_id) return;
      const { rowCount } = await pool.query('SELECT 1 FROM focus_groups WHERE focus_group_id = $1', [
        filter.focus_group_id,
      ]);
      if (!rowCount) throw new AppError('NOT_FOUND', `Unknown sector: ${filter.focus_group_id}`);
    },
    async rowsByIds(ids) {
      const names = await viewColumns();
      if (ids.length === 0) return [];
      const { rows } = await pool.query<OrgValue[]>({
        text: 'SELECT * FROM vw_organizations_full WHERE organization_id = ANY($1::uuid[])',
        values: [ids],
        rowMode: 'array',
      });
      const byId = new Map(rows.map((row) => [row[0] as string, row]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toOrgRow(names, row)] : [];
      });
    },
    async count(filter) {
      await viewColumns();
      await refresh();
      const query = pgCountQuery(filter);
      const key = JSON.stringify(query);
      let n = counts.get(key);
      if (n === undefined) {
        const { rows } = await pool.query<{ n: number }>(query);
        n = rows[0]?.n ?? 0;
        counts.set(key, n);
      }
      return n;
    },
  };
}

function toOrgRow(names: string[], values: OrgValue[]): OrgRow {
  const row: OrgRow = {};
  names.forEach((name, i) => (row[name] = values[i] ?? null));
  return row;
}

/** A row as the SQLite side reads it (booleans 0/1, arrays as JSON text), which the export formats. */
function sqliteShape(names: string[]): (values: unknown[]) => unknown[] {
  const kinds = names.map((name) => columnKind(name));
  return (values) =>
    values.map((value, i) =>
      value === null
        ? null
        : kinds[i] === 'boolean'
          ? value
            ? 1
            : 0
          : kinds[i] === 'array'
            ? JSON.stringify(value)
            : value,
    );
}

/** Organizations on PostgreSQL, with the SQLite side's semantics and shapes (see db/pg/org-sql.ts). */
export function pgOrganizationStore(pool: pg.Pool): PgOrganizationStore {
  const reader = pgOrgReader(pool);
  const positions = pgPositionReader(pool, reader);

  return {
    async queryOrganizations(query) {
      const columns = await reader.columns();
      await reader.checkSector(query);
      const page = pgKeyQuery({ ...query, limit: query.limit + 1 });
      const { rows: keyRows } = await pool.query<(string | number)[]>({
        text: page.text,
        values: page.values,
        rowMode: 'array',
      });
      const more = keyRows.length > query.limit;
      if (more) keyRows.pop();
      if (page.backward) keyRows.reverse();
      const hasBefore = page.backward ? more : page.cursor !== null || (query.offset ?? 0) > 0;
      const hasAfter = page.backward || more;
      const first = keyRows[0];
      const last = keyRows[keyRows.length - 1];
      return {
        columns,
        rows: await reader.rowsByIds(keyRows.map((key) => key[key.length - 1] as string)),
        total: await reader.count(query),
        limit: query.limit,
        next_cursor: hasAfter && last ? encodeCursor(last) : null,
        prev_cursor: hasBefore && first ? encodeCursor(first) : null,
      };
    },

    countOrganizations: (filter) => reader.count(filter),

    organizationColumns: async () => describeColumns(await reader.columns()),

    organizationRows: (window) => positions.rows(window),

    insertSampleOrganizations: (options, hooks) =>
      pgInsertSampleOrganizations(pool, { ...options, signal: hooks.signal, onProgress: hooks.progress }),

    /**
     * One ordered query over the view, read through a server-side cursor a chunk at a time, so that
     * memory stays flat and a cancel stops between chunks.
     */
    async exportOrganizations(request, sink, { signal, progress }) {
      const columns = await reader.columns();
      await reader.checkSector(request);
      knownColumn(request.sort);
      const format = exportFormatter(columns, request);
      const total = await reader.count(request);
      const shape = sqliteShape(columns);
      const query = pgOrderedQuery(request, '*');
      const client = await pool.connect();
      const cursor = client.query(
        new Cursor(query.text, query.values, { rowMode: 'array', types: typeParsers }),
      );
      const read = () => cursor.read(EXPORT_CHUNK) as Promise<unknown[][]>;
      let rows = 0;
      const write = async (text: string, n: number) => {
        if (signal.aborted) return false;
        await sink(text);
        rows += n;
        progress(rows, total);
        return true;
      };
      try {
        // The first rows are read before anything is written, as on SQLite.
        let chunk = await read();
        if (!(await write(format.head, 0))) return { rows, cancelled: true };
        while (chunk.length > 0) {
          if (!(await write(format.rows(chunk.map(shape)), chunk.length))) return { rows, cancelled: true };
          chunk = await read();
        }
        if (format.tail && !(await write(format.tail, 0))) return { rows, cancelled: true };
        return { rows, cancelled: signal.aborted };
      } finally {
        await cursor.close().catch(() => {});
        client.release();
      }
    },
  };
}
