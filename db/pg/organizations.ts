import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { OrgValue } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Storage } from '../port';
import { writeExport } from '../core/export';
import { noSchemaError } from '../core/migrations';
import { describeColumns, knownColumn } from '../core/org-filters';
import { encodeCursor } from '../core/cursor';
import { requestedColumns } from '../core/row-columns';
import { pgSchemaVersion } from './migrate';
import {
  pgCountQuery,
  pgDialect,
  pgKeyQuery,
  pgOrderedQuery,
  positional,
  queryRows,
  readKeys,
} from './org-sql';
import { facetOf, facetQueries } from '../core/facets';
import { FACET_ROW_BUDGET } from '../../shared/org-facets';
import { pgPositionReader, type PgOrgReader, type PgReads } from './org-positions';
import { pgRowQueries, toOrgRow } from './org-rows';
import { inSnapshot, typeParsers } from './pool';
import { pgInsertSampleOrganizations } from './sample-insert';

export type PgOrganizations = Pick<
  Storage,
  | 'queryOrganizations'
  | 'countOrganizations'
  | 'organizationFacets'
  | 'organizationColumns'
  | 'organizationRows'
  | 'insertSampleOrganizations'
  | 'streamOrganizations'
>;

/** The migration that creates the paging indexes, organization_counts and organization_changes. */
const PAGING_SCHEMA = 3;
const EXPORT_CHUNK = 2_000;

function pgOrgReader(pool: pg.Pool): PgOrgReader {
  let columns: string[] | undefined;
  let version: number | undefined;
  const counts = new Map<string, number>();
  const rowQueries = pgRowQueries();
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

  async function refresh(db: PgReads = pool): Promise<number> {
    const [row] = await queryRows<[number]>(db, { text: 'SELECT version FROM organization_changes' });
    const now = row?.[0] ?? 0;
    if (now !== version) {
      forgetters.forEach((drop) => drop());
      version = now;
    }
    return now;
  }

  return {
    columns: viewColumns,
    refresh,
    onChange: (forget) => forgetters.add(forget),
    async checkSector(filter, db = pool) {
      if (!filter.focus_group_id) return;
      const found = await queryRows(db, {
        text: 'SELECT 1 FROM focus_groups WHERE focus_group_id = $1',
        values: [filter.focus_group_id],
      });
      if (found.length === 0) throw new AppError('NOT_FOUND', `Unknown sector: ${filter.focus_group_id}`);
    },
    async rowsByIds(ids, db = pool, wanted) {
      const names = wanted ?? (await viewColumns());
      if (ids.length === 0) return [];
      const { text, sectors } = rowQueries(names);
      const bySector = sectors.map((): string[] => []);
      if (sectors.length === 1) bySector[0] = ids;
      else {
        const sectorsOf = await queryRows<[string, string]>(db, {
          text: 'SELECT organization_id, focus_group_id FROM organizations WHERE organization_id = ANY($1::uuid[])',
          values: [ids],
        });
        for (const [id, sector] of sectorsOf) {
          const i = sectors.indexOf(sector);
          (bySector[i < 0 ? sectors.length - 1 : i] as string[]).push(id);
        }
      }
      const rows = await queryRows<OrgValue[]>(db, { text, values: bySector });
      const at = names.indexOf('organization_id');
      const byId = new Map(rows.map((row) => [row[at] as string, row]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toOrgRow(names, row)] : [];
      });
    },
    async count(filter, db = pool) {
      await viewColumns();
      const seen = await refresh(db);
      const query = pgCountQuery(filter);
      const key = JSON.stringify([seen, query]);
      let n = counts.get(key);
      if (n === undefined) {
        const [row] = await queryRows<[number]>(db, query);
        n = row?.[0] ?? 0;
        counts.set(key, n);
      }
      return n;
    },
  };
}

/** Organizations on PostgreSQL, with the SQLite side's semantics and shapes (see db/pg/org-sql.ts). */
export function pgOrganizations(pool: pg.Pool): PgOrganizations {
  const reader = pgOrgReader(pool);
  const positions = pgPositionReader(pool, reader);

  return {
    async queryOrganizations(query) {
      const columns = await reader.columns();
      // A page's rows and its total from one snapshot, whatever other sessions commit meanwhile.
      return inSnapshot(pool, async (db) => {
        await reader.checkSector(query, db);
        const page = pgKeyQuery(query);
        const skip = page.cursor ? 0 : (query.offset ?? 0);
        const keyRows = (await readKeys(db, page, skip + query.limit + 1)).slice(skip);
        const more = keyRows.length > query.limit;
        if (more) keyRows.pop();
        if (page.backward) keyRows.reverse();
        const hasBefore = page.backward ? more : page.cursor !== null || (query.offset ?? 0) > 0;
        const hasAfter = page.backward || more;
        const first = keyRows[0];
        const last = keyRows[keyRows.length - 1];
        const names = requestedColumns(columns, query.columns, query.sort);
        const rows = await reader.rowsByIds(
          keyRows.map((key) => key[key.length - 1] as string),
          db,
          names,
        );
        const total = await reader.count(query, db);
        return {
          columns: names,
          rows,
          total,
          limit: query.limit,
          next_cursor: hasAfter && last ? encodeCursor(last) : null,
          prev_cursor: hasBefore && first ? encodeCursor(first) : null,
        };
      });
    },

    countOrganizations: (filter) => reader.count(filter),

    async organizationFacets(request) {
      await reader.columns();
      const budget = request.budget ?? FACET_ROW_BUDGET;
      const queries = facetQueries(request, pgDialect);
      // One query at a time: a client runs its queries in turn anyway.
      const facets = await inSnapshot(pool, async (db) => {
        const answered = [];
        for (const query of queries) {
          const rows = query.sql === null ? [] : await queryRows(db, positional(query.sql, query.params));
          answered.push(facetOf(query, rows, budget));
        }
        return answered;
      });
      return { facets, budget };
    },

    organizationColumns: async () => describeColumns(await reader.columns()),

    organizationRows: (window) => positions.rows(window),

    insertSampleOrganizations: (options, hooks) =>
      pgInsertSampleOrganizations(pool, { ...options, signal: hooks.signal, onProgress: hooks.progress }),

    /**
     * One ordered query over the view, read through a server-side cursor a chunk at a time, so that
     * memory stays flat and a cancel stops between chunks.
     */
    async streamOrganizations(request, { sink, signal, progress }) {
      const columns = await reader.columns();
      await reader.checkSector(request);
      knownColumn(request.sort);
      const total = await reader.count(request);
      const query = pgOrderedQuery(request, '*', request.start ?? 0);
      const client = await pool.connect();
      const cursor = client.query(
        new Cursor(query.text, query.values, { rowMode: 'array', types: typeParsers }),
      );
      const chunks = (async function* () {
        for (;;) {
          const chunk = (await cursor.read(EXPORT_CHUNK)) as OrgValue[][];
          if (chunk.length === 0) return;
          yield chunk;
        }
      })();
      try {
        return await writeExport(columns, request, chunks, { signal, total, progress, write: sink });
      } finally {
        await cursor.close().catch(() => {});
        client.release();
      }
    },
  };
}
