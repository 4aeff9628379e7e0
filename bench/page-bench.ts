import type { Db } from '../db/connection';
import { createOrganizationRepository, encodeCursor } from '../db/org-repo';
import { percentile } from './stats';

export interface PageBench {
  /** Per-page latencies in ms. */
  appP95: number;
  appMedian: number;
  anchorP95: number;
  anchorMedian: number;
  pages: number;
}

const LIMIT = 100;

type Start = { sector: string; key: [string, string] | null };

/**
 * Start keys spread over each sector's name order, from the first page to the last percent, so that
 * the walk covers deep pages without walking a million rows to reach them. Read with OFFSET once,
 * outside any timing.
 */
function startKeys(db: Db, sectors: string[], perSector: number): Start[] {
  const count = db
    .prepare<[string], number>('SELECT count(*) FROM organizations WHERE focus_group_id = ?')
    .pluck();
  const keyAt = db
    .prepare<[string, number], [string, string]>(
      `SELECT legal_name, organization_id FROM organizations WHERE focus_group_id = ?
       ORDER BY legal_name, organization_id LIMIT 1 OFFSET ?`,
    )
    .raw();
  return sectors.flatMap((sector) => {
    const n = count.get(sector) ?? 0;
    return Array.from({ length: perSector }, (_, i) => {
      const depth = Math.floor((n * 0.99 * i) / (perSector - 1));
      return { sector, key: i === 0 ? null : (keyAt.get(sector, depth) ?? null) };
    });
  });
}

/**
 * The unified-view page as the grid asks for it (100 rows, one sector, sorted by name, keyset cursor
 * from the previous page) through the repository, against a hand-written keyset query over the view
 * on the same data. Both walk the same pages; their ids are compared so a fast wrong answer fails.
 */
export function benchPages(db: Db, sectors: string[], quick: boolean): PageBench {
  const repo = createOrganizationRepository(db);
  const raw = db.prepare<[string, string, string]>(
    `SELECT * FROM vw_organizations_full
     WHERE focus_group_id = ? AND (legal_name, organization_id) > (?, ?)
     ORDER BY legal_name, organization_id LIMIT ${LIMIT}`,
  );
  const starts = startKeys(db, sectors, quick ? 2 : 4);
  const pagesPerStart = quick ? 3 : 10;
  const rounds = quick ? 1 : 3;

  const walkApp = (start: Start, times: number[] | null): string[] => {
    const ids: string[] = [];
    let after = start.key ? encodeCursor(start.key) : null;
    for (let p = 0; p < pagesPerStart; p++) {
      const started = performance.now();
      const page = repo.query({
        focus_group_id: start.sector,
        sort: 'legal_name',
        dir: 'asc',
        limit: LIMIT,
        after,
      });
      times?.push(performance.now() - started);
      ids.push(...page.rows.map((r) => r.organization_id as string));
      after = page.next_cursor;
      if (after === null) break;
    }
    return ids;
  };
  const walkRaw = (start: Start, times: number[] | null): string[] => {
    const ids: string[] = [];
    let [name, id] = start.key ?? ['', ''];
    for (let p = 0; p < pagesPerStart; p++) {
      const started = performance.now();
      const rows = raw.all(start.sector, name, id) as { legal_name: string; organization_id: string }[];
      times?.push(performance.now() - started);
      ids.push(...rows.map((r) => r.organization_id));
      const last = rows[rows.length - 1];
      if (rows.length < LIMIT || !last) break;
      [name, id] = [last.legal_name, last.organization_id];
    }
    return ids;
  };

  // Warm-up pass, untimed, which also checks that both walks return the same rows.
  for (const start of starts) {
    const a = walkApp(start, null);
    const b = walkRaw(start, null);
    if (a.length !== b.length || a.some((id, i) => id !== b[i])) {
      throw new Error(`Page walk from ${JSON.stringify(start)} differs between the app and the raw query`);
    }
  }
  const app: number[] = [];
  const anchor: number[] = [];
  for (let round = 0; round < rounds; round++) {
    starts.forEach((start, i) => {
      // Alternate who goes first so neither side always finds the other's pages in the cache.
      if ((i + round) % 2 === 0) walkApp(start, app);
      walkRaw(start, anchor);
      if ((i + round) % 2 === 1) walkApp(start, app);
    });
  }
  return {
    appP95: percentile(app, 95),
    appMedian: percentile(app, 50),
    anchorP95: percentile(anchor, 95),
    anchorMedian: percentile(anchor, 50),
    pages: app.length,
  };
}
