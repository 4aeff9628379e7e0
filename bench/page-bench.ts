import { orgSortColumns, type OrgQuery, type OrgSortColumn } from '../shared/org-query';
import type { Db } from '../db/sqlite/connection';
import type { Statement } from 'better-sqlite3';
import { createOrganizationRepository } from '../db/sqlite/org-repo';
import { buildPageQuery } from '../db/sqlite/page-query';
import { encodeCursor } from '../db/core/cursor';
import { percentile } from './stats';
import { GRID_COLUMNS } from './grid-columns';

const LIMIT = 100;

export interface PageBench {
  /** The grid's usual page: one sector, sorted by name, with the grid's columns. Latencies in ms. */
  appP95: number;
  appMedian: number;
  /** The same pages with every column of the view, as the CLI and a request without a list read them. */
  allColumnsP95: number;
  /** The same walks' keys alone (the index-only keyset query): the floor under a page. */
  keysP95: number;
  pages: number;
  /** p95 per sort, direction and filter ("legal_name asc sector"), with the grid's columns. */
  bySort: Record<string, number>;
}

type Start = { query: OrgQuery; after: string | null };

/**
 * Cursors spread over a sort order, from the first page to the last percent, so that walks cover
 * deep pages without walking a million rows to reach them. Read with OFFSET, outside any timing.
 */
function startsOf(db: Db, query: OrgQuery, depths: number[]): Start[] {
  const repo = createOrganizationRepository(db);
  const total = repo.count(query);
  return depths.map((depth) => {
    if (depth === 0) return { query, after: null };
    const offset = Math.max(0, Math.floor(total * depth) - 1);
    return { query, after: repo.query({ ...query, limit: 1, offset }).next_cursor };
  });
}

/**
 * Keyset pages through the repository as the grid asks for them (100 rows with the grid's columns,
 * next_cursor of the previous page), walked from several depths of each sort order, the pages timed
 * one by one. The sector + name walks are also checked against a plain ORDER BY ... OFFSET, so that a
 * fast wrong answer fails, timed again with every column, and their key queries timed alone as the
 * floor a page cannot go under.
 */
export function benchPages(db: Db, sectors: string[], quick: boolean): PageBench {
  const repo = createOrganizationRepository(db);
  const pagesPerStart = quick ? 3 : 10;
  const rounds = quick ? 1 : 3;

  // null: every column, as a request without a list reads them.
  const walk = (start: Start, times: number[] | null, columns: string[] | null = GRID_COLUMNS) => {
    const ids: string[] = [];
    let after = start.after;
    for (let p = 0; p < pagesPerStart; p++) {
      const began = performance.now();
      const page = repo.query({ ...start.query, after, columns: columns ?? undefined });
      times?.push(performance.now() - began);
      ids.push(...page.rows.map((r) => r.organization_id as string));
      after = page.next_cursor;
      if (after === null) break;
    }
    return ids;
  };
  const statements = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql).raw()));
    return statement;
  };
  const keysOnly = (start: Start, times: number[]) => {
    let after = start.after;
    for (let p = 0; p < pagesPerStart; p++) {
      const began = performance.now();
      const page = buildPageQuery({ ...start.query, after });
      const rows: unknown[][] = [];
      for (const sql of page.steps) {
        rows.push(...(prepared(sql).all({ ...page.params, limit: LIMIT + 1 - rows.length }) as unknown[][]));
        if (rows.length > LIMIT) break;
      }
      times.push(performance.now() - began);
      const last = rows[Math.min(rows.length, LIMIT) - 1];
      if (rows.length <= LIMIT || !last) break;
      after = encodeCursor(last as (string | number)[]);
    }
  };

  // The grid's usual page, at 4 depths in each sector, checked against a plain ORDER BY.
  const plain = db
    .prepare<[string, number, number], string>(
      `SELECT organization_id FROM organizations WHERE focus_group_id = ?
       ORDER BY legal_name, rowid LIMIT ? OFFSET ?`,
    )
    .pluck();
  const depths = quick ? [0, 0.99] : [0, 0.33, 0.66, 0.99];
  const byName = sectors.flatMap((sector) => {
    const query: OrgQuery = { focus_group_id: sector, sort: 'legal_name', dir: 'asc', limit: LIMIT };
    const total = repo.count(query);
    return startsOf(db, query, depths).map((start, i) => {
      const offset = depths[i] === 0 ? 0 : Math.max(0, Math.floor(total * (depths[i] ?? 0)) - 1) + 1;
      const want = plain.all(sector, LIMIT * pagesPerStart, offset);
      const got = walk(start, null);
      if (got.length !== want.length || got.some((id, j) => id !== want[j])) {
        throw new Error(`Page walk in ${sector} from depth ${depths[i]} differs from a plain ORDER BY`);
      }
      return start;
    });
  });
  const app: number[] = [];
  const allColumns: number[] = [];
  const keys: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const start of byName) {
      walk(start, app);
      walk(start, allColumns, null);
      keysOnly(start, keys);
    }
  }

  // Every sort, both directions, without a filter and within one sector.
  const bySort: Record<string, number> = {};
  const sortDepths = quick ? [0, 0.5] : [0, 0.33, 0.66, 0.99];
  const combos = orgSortColumns.flatMap((sort: OrgSortColumn) =>
    (['asc', 'desc'] as const).flatMap((dir) =>
      [null, sectors[0] ?? null].map((sector) => ({ sort, dir, sector })),
    ),
  );
  for (const { sort, dir, sector } of combos) {
    const query: OrgQuery = { focus_group_id: sector, sort, dir, limit: LIMIT };
    const starts = startsOf(db, query, sortDepths);
    for (const start of starts) walk(start, null);
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) for (const start of starts) walk(start, times);
    bySort[`${sort} ${dir}${sector ? ' sector' : ''}`] = percentile(times, 95);
  }

  return {
    appP95: percentile(app, 95),
    appMedian: percentile(app, 50),
    allColumnsP95: percentile(allColumns, 95),
    keysP95: percentile(keys, 95),
    pages: app.length,
    bySort,
  };
}

/**
 * The first count of each filter, each through a new repository so that no count is cached:
 * every sector, every status, every sector and status, and no filter. Latencies in ms.
 */
export function benchCounts(db: Db, sectors: string[]): { max: number; median: number; filters: number } {
  const statuses = ['active', 'inactive', 'archived'] as const;
  const filters: Pick<OrgQuery, 'focus_group_id' | 'status'>[] = [
    {},
    ...sectors.map((focus_group_id) => ({ focus_group_id })),
    ...statuses.map((status) => ({ status })),
    ...sectors.flatMap((focus_group_id) => statuses.map((status) => ({ focus_group_id, status }))),
  ];
  const times = filters.map((filter) => {
    const repo = createOrganizationRepository(db);
    const began = performance.now();
    repo.count(filter);
    return performance.now() - began;
  });
  return { max: Math.max(...times), median: percentile(times, 50), filters: filters.length };
}
