import type { Db } from '../db/sqlite/connection';
import { createOrganizationRepository } from '../db/sqlite/org-repo';
import { createPositionReader } from '../db/sqlite/org-positions';
import { median } from './stats';

const PART = 1_000;

export interface ExportPartBench {
  /** The first chunk of a part that starts 90 % down the view, read by seeking there (ms, median). */
  seekMs: number;
  /** The same rows read from the top of the order, the rows before them passed over (ms, median). */
  readThroughMs: number;
  start: number;
}

/** A part of the whole view by name, starting 90 % of the way down, as the export reads it. */
export function benchExportPart(db: Db, orgs: number, quick: boolean): ExportPartBench {
  const positions = createPositionReader(db, createOrganizationRepository(db));
  const selection = { sort: 'legal_name', dir: 'asc' } as const;
  const start = Math.floor(orgs * 0.9);
  const first = (from: number, wanted: number) => {
    const began = performance.now();
    let rows = 0;
    for (const chunk of positions.scan(selection, 2_000, from)) {
      rows += chunk.length;
      if (rows >= wanted) break;
    }
    return performance.now() - began;
  };
  const seek: number[] = [];
  const through: number[] = [];
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    seek.push(first(start, PART));
    through.push(first(0, start + PART));
  }
  return { seekMs: median(seek), readThroughMs: median(through), start };
}
