import { execFileSync } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeExport } from '../db/core/export';
import type { Db } from '../db/sqlite/connection';
import { exportRows } from '../db/sqlite/export';
import { createOrganizationRepository } from '../db/sqlite/org-repo';
import { createPositionReader } from '../db/sqlite/org-positions';
import { exportToFile } from '../electron/backend/export-file';
import { sqliteShellOrSkip } from './sqlite3-shell';
import { median } from './stats';

export interface ShellExportCase {
  name: string;
  rows: number;
  appMs: number;
  shellMs: number;
  appMb: number;
  shellMb: number;
}

export type ShellExportBench = { cases: ShellExportCase[]; skipped: null } | { cases: []; skipped: string };

const mb = (path: string) => statSync(path).size / 2 ** 20;

/**
 * The app's CSV export to a file (the export loop the worker runs, written through exportToFile)
 * against the sqlite3 shell's `-csv -header` output of the same query on the same file, the tool an
 * analyst would reach for instead: the whole view and one sector, both sorted by name. The shell's
 * time includes starting it (a few ms); rounds alternate between the two.
 */
export async function benchShellExport(
  db: Db,
  dir: string,
  sector: string,
  quick: boolean,
): Promise<ShellExportBench> {
  if (!sqliteShellOrSkip())
    return { cases: [], skipped: 'the sqlite3 shell is not installed (apt install sqlite3)' };
  const repo = createOrganizationRepository(db);
  const source = { columns: repo.columns, scan: createPositionReader(db, repo).scan };
  const appFile = join(dir, 'app-export.csv');
  const shellFile = join(dir, 'shell-export.csv');
  const cases = [
    { name: 'whole view', sql: 'SELECT * FROM vw_organizations_full ORDER BY legal_name', sector: undefined },
    {
      name: sector,
      sql: 'SELECT * FROM vw_organizations_full WHERE focus_group_id = @sector ORDER BY legal_name',
      sector,
    },
  ];
  const results: ShellExportCase[] = [];
  for (const c of cases) {
    const selection = { focus_group_id: c.sector, sort: 'legal_name', dir: 'asc' } as const;
    const appTimes: number[] = [];
    const shellTimes: number[] = [];
    let rows = 0;
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      (globalThis as { gc?: () => void }).gc?.();
      let started = performance.now();
      const done = await exportToFile({
        target: appFile,
        dbFile: db.name,
        overwrite: true,
        write: (sink) =>
          writeExport(repo.columns, selection, exportRows(source, selection), {
            signal: new AbortController().signal,
            total: 0,
            progress: () => {},
            write: sink,
          }),
      });
      appTimes.push(performance.now() - started);
      rows = done.rows;

      const out = openSync(shellFile, 'w');
      started = performance.now();
      try {
        const parameter = c.sector === undefined ? [] : ['-cmd', `.parameter set @sector '${c.sector}'`];
        execFileSync('sqlite3', ['-readonly', '-csv', '-header', ...parameter, db.name, c.sql], {
          stdio: ['ignore', out, 'inherit'],
        });
      } finally {
        closeSync(out);
      }
      shellTimes.push(performance.now() - started);
    }
    results.push({
      name: c.name,
      rows,
      appMs: median(appTimes),
      shellMs: median(shellTimes),
      appMb: mb(appFile),
      shellMb: mb(shellFile),
    });
  }
  return { cases: results, skipped: null };
}
