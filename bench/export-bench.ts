import type { Db } from '../db/sqlite/connection';
import { writeExport } from '../db/core/export';
import { exportRows } from '../db/sqlite/export';
import { createOrganizationRepository } from '../db/sqlite/org-repo';
import { createPositionReader } from '../db/sqlite/org-positions';
import { median, sink } from './stats';

export interface ExportBench {
  /** Rows per second. */
  app: number;
  anchor: number;
  rows: number;
  csvBytes: number;
}

/**
 * One sector's organizations, sorted by name, exported as CSV text through the app's chunked export,
 * against a bare iterate() over the same rows of the view in the same order (reading every value,
 * writing nothing). Rounds alternate between the two.
 */
export async function benchExport(db: Db, sector: string, quick: boolean): Promise<ExportBench> {
  const repo = createOrganizationRepository(db);
  const scan = db.prepare<[string], Record<string, unknown>>(
    // Ties come in rowid order from the (sector, name) index, as in the app's export.
    'SELECT * FROM vw_organizations_full WHERE focus_group_id = ? ORDER BY legal_name',
  );
  const filter = { focus_group_id: sector, sort: 'legal_name', dir: 'asc' } as const;
  const appRates: number[] = [];
  const anchorRates: number[] = [];
  let rows = 0;
  let csvBytes = 0;
  const rounds = quick ? 1 : 3;
  for (let round = 0; round < rounds; round++) {
    // Each side starts from a collected heap: the other side's garbage is not its memory.
    (globalThis as { gc?: () => void }).gc?.();
    let started = performance.now();
    // Text is counted, not written: the benchmark measures the export, not the disk.
    rows = 0;
    csvBytes = 0;
    const exported = await writeExport(
      repo.columns,
      filter,
      exportRows({ columns: repo.columns, scan: createPositionReader(db, repo).scan }, filter),
      {
        signal: new AbortController().signal,
        total: 0,
        progress: () => {},
        write: async (text) => {
          csvBytes += Buffer.byteLength(text);
        },
      },
    );
    rows = exported.rows;
    appRates.push((rows / (performance.now() - started)) * 1000);

    (globalThis as { gc?: () => void }).gc?.();
    started = performance.now();
    let scanned = 0;
    let cells = 0;
    for (const row of scan.iterate(sector)) {
      for (const key in row) if (row[key] !== null) cells++;
      scanned++;
    }
    anchorRates.push((scanned / (performance.now() - started)) * 1000);
    sink.value += cells;
    if (scanned !== rows) throw new Error(`Export wrote ${rows} rows, the scan read ${scanned}`);
  }
  return { app: median(appRates), anchor: median(anchorRates), rows, csvBytes };
}
