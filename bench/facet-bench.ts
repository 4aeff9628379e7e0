import type { Db } from '../db/sqlite/connection';
import { createFacetReader } from '../db/sqlite/facets';
import { attributeTables } from '../db/core/columns';
import type { OrgFacetsRequest } from '../shared/org-facets';
import { percentile } from './stats';

export interface FacetBench {
  /** Worst p95 over the requests, and which request it was. */
  appP95: number;
  worst: string;
  /** p95 of a plain grouped count of every organization by sector: what a facet without the counts table costs. */
  anchorP95: number;
  requests: number;
}

/**
 * The facet requests the filter menus make, timed through the SQLite reader: the sector and status
 * menus with no filter and with a status (the counts table), the sector menu under a name search
 * (matching rows, within the budget), and a sector's yes/no columns with and without a status.
 */
export function benchFacets(db: Db, sector: string, quick: boolean): FacetBench {
  const facets = createFacetReader(db);
  const yesNo = (attributeTables().find((t) => t.sectorId === sector)?.columns ?? [])
    .filter((c) => c.kind === 'boolean')
    .map((c) => c.name);
  const requests: [string, OrgFacetsRequest][] = [
    ['sector menu', { columns: ['focus_group_id'] }],
    ['status menu, a status chosen', { status: 'active', columns: ['status'] }],
    ['sector menu, a name search', { search: 'an', columns: ['focus_group_id'] }],
    [`${sector}'s yes/no columns`, { focus_group_id: sector, columns: yesNo }],
    [`${sector}'s yes/no columns, active`, { focus_group_id: sector, status: 'active', columns: yesNo }],
  ];
  const rounds = quick ? 2 : 7;
  let worst = { name: '', p95: 0 };
  for (const [name, request] of requests) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const began = performance.now();
      facets(request);
      times.push(performance.now() - began);
    }
    const p95 = percentile(times, 95);
    if (p95 >= worst.p95) worst = { name, p95 };
  }
  const grouped = db.prepare('SELECT focus_group_id, count(*) FROM organizations GROUP BY focus_group_id');
  const anchor: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const began = performance.now();
    grouped.all();
    anchor.push(performance.now() - began);
  }
  return {
    appP95: worst.p95,
    worst: worst.name,
    anchorP95: percentile(anchor, 95),
    requests: requests.length,
  };
}
