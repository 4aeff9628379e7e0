import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { writeExport } from '../db/core/export';
import { openImportFile } from '../db/core/import/run';
import { openDatabase, type Db } from '../db/sqlite/connection';
import { exportRows } from '../db/sqlite/export';
import { migrate } from '../db/sqlite/migrate';
import { createOrganizationRepository } from '../db/sqlite/org-repo';
import { createPositionReader } from '../db/sqlite/org-positions';
import { openSqliteStorage } from '../db/sqlite/storage';
import { insertSamples } from '../db/sqlite/sample-orgs';
import { seedSectorsAndDimensions } from '../db/sqlite/seeding';
import { createBackend } from '../electron/backend';
import type { Log } from './seed-bench';

/** The size for the import comparison, whatever the run's size (a million exports to 450 MB). */
export const IMPORT_ORGS = 200_000;

export interface ImportBench {
  orgs: number;
  seedSeconds: number;
  importSeconds: number;
  /** This process's CPU time for each, which other jobs on a shared machine sway less than the clock. */
  seedCpuSeconds: number;
  importCpuSeconds: number;
  csvMb: number;
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
};

function emptyDatabase(file: string): Db {
  const db = openDatabase(file);
  migrate(db);
  seedSectorsAndDimensions(db);
  return db;
}

/**
 * The app's bulk seeding of `orgs` organizations into an empty file, timed, and its CSV export of
 * them written to `organizations.csv` in `dir`, as a user's file would be.
 */
export async function exportedCsv(
  dir: string,
  orgs: number,
): Promise<{ path: string; seedSeconds: number; seedCpuSeconds: number }> {
  const seeded = emptyDatabase(join(dir, 'import-source.sqlite'));
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await insertSamples(seeded, { count: orgs, seed: 4 });
    const seedSeconds = (performance.now() - started) / 1000;
    const seedCpuSeconds = cpuSeconds(cpu);
    const repo = createOrganizationRepository(seeded);
    const selection = { sort: 'legal_name', dir: 'asc' } as const;
    const path = join(dir, 'organizations.csv');
    const out = await open(path, 'w');
    try {
      await writeExport(
        repo.columns,
        selection,
        exportRows({ columns: repo.columns, scan: createPositionReader(seeded, repo).scan }, selection),
        {
          signal: new AbortController().signal,
          total: 0,
          progress: () => {},
          write: async (text) => void (await out.write(text)),
        },
      );
    } finally {
      await out.close();
    }
    return { path, seedSeconds, seedCpuSeconds };
  } finally {
    seeded.close();
  }
}

/**
 * The app's bulk seeding of `orgs` organizations into an empty file, then its CSV export of them,
 * imported as the app imports it (by the storage's writer worker: every row read from the file as a
 * stream, checked and written in one transaction) into another empty file. Generation is part of seeding's time, as
 * parsing and checking are part of the import's.
 */
export async function benchImport(dir: string, orgs: number, log: Log): Promise<ImportBench> {
  const { path, seedSeconds, seedCpuSeconds } = await exportedCsv(dir, orgs);
  log(`import bench: seeded ${orgs.toLocaleString('en-US')} in ${seedSeconds.toFixed(1)} s`);
  const targetFile = join(dir, 'import-target.sqlite');
  emptyDatabase(targetFile).close();
  const storage = await openSqliteStorage(targetFile, { mustExist: true });
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { size, mtimeMs } = statSync(path);
    const file = { path, name: 'organizations.csv', size, modifiedMs: mtimeMs };
    const { headers, mapping } = await openImportFile(file);
    const { signal } = new AbortController();
    const outcome = await storage.importOrganizations(
      { ...file, options: { import_id: '0'.repeat(32), mapping, existing: 'fail', valid_rows: false } },
      { signal, progress: () => {} },
    );
    const importSeconds = (performance.now() - started) / 1000;
    const importCpuSeconds = cpuSeconds(cpu);
    if (outcome.inserted !== orgs)
      throw new Error(`The import inserted ${outcome.inserted} of ${orgs}: ${outcome.message}`);
    log(
      `import bench: imported ${headers.length} columns × ${orgs.toLocaleString('en-US')} rows in ${importSeconds.toFixed(1)} s`,
    );
    return {
      orgs,
      seedSeconds,
      importSeconds,
      seedCpuSeconds,
      importCpuSeconds,
      csvMb: size / 2 ** 20,
    };
  } finally {
    await storage.close();
  }
}

export interface EditBench {
  p95Ms: number;
  medianMs: number;
  edits: number;
}

/**
 * One cell edit from the contract call to the committed row, through the backend the app runs
 * (validation, the writer worker, the version check, the commit, the row read back), on the run's
 * database: `orgs:update` of a random organization's employee count, each awaited.
 */
export async function benchEdits(file: string, orgs: number, quick: boolean): Promise<EditBench> {
  const backend = await createBackend({ dbFile: file, mustExist: true });
  try {
    const times: number[] = [];
    const edits = quick ? 40 : 300;
    for (let i = 0; i < edits; i++) {
      const page = await backend.invoke('orgs:query', {
        limit: 1,
        offset: Math.floor(Math.random() * Math.min(orgs, 10_000)),
      });
      if (!page.ok) throw new Error(page.error.message);
      const row = page.value.rows[0];
      if (row === undefined) throw new Error('No organization to edit');
      const started = performance.now();
      const saved = await backend.invoke('orgs:update', {
        organization_id: String(row.organization_id),
        version: String(row.updated_at),
        values: { employee_count: 1 + i },
      });
      times.push(performance.now() - started);
      if (!saved.ok || saved.value.status !== 'saved') throw new Error(`Edit ${i} was not saved`);
    }
    times.sort((a, b) => a - b);
    return {
      p95Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0,
      medianMs: times[Math.floor(times.length / 2)] ?? 0,
      edits,
    };
  } finally {
    await backend.close();
  }
}
