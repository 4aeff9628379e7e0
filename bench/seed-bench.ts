import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { attributeTables } from '../db/columns';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import {
  DEFAULT_SAMPLE_BATCH,
  generateOrganizations,
  insertSampleOrganizations,
  raiseCacheForBulkInsert,
  sampleInserter,
} from '../db/sample-orgs';
import { seedFocusGroupsAndDimensions } from '../db/seeding';

export interface SeedBench {
  /** Organizations (each with its attribute row) per second. */
  app: number;
  anchor: number;
  appSeconds: number;
  anchorSeconds: number;
}

export type Log = (message: string) => void;

function progress(log: Log, label: string, total: number) {
  let next = 0.1;
  return (done: number) => {
    if (done / total + 1e-9 < next) return;
    log(`${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    while (next <= done / total + 1e-9) next += 0.1;
  };
}

/**
 * Builds the benchmark's database through the app's seeding (generation included, as a user pays
 * it), then inserts the same rows into a second, fresh database with a bare loop: one prepared
 * positional statement per table, the same transaction size and connection settings. Only that
 * loop's transactions are timed for the anchor; its rows are generated beforehand, untimed.
 */
export async function benchSeed(
  db: Db,
  dir: string,
  orgs: number,
  seed: number,
  log: Log,
): Promise<SeedBench> {
  let started = performance.now();
  const seeded = await insertSampleOrganizations(db, {
    count: orgs,
    seed,
    onProgress: progress(log, 'app seeding', orgs),
  });
  const appSeconds = (performance.now() - started) / 1000;
  if (seeded.inserted !== orgs) throw new Error(`Seeding inserted ${seeded.inserted} of ${orgs}`);

  const file = join(dir, 'raw-insert.sqlite');
  const raw = openDatabase(file);
  try {
    migrate(raw);
    seedFocusGroupsAndDimensions(raw);
    const sectors = sampleInserter(raw).sectors();
    const orgColumns: string[] = [];
    const insertAttributes = new Map(
      attributeTables().map((t) => {
        const columns = ['organization_id', ...t.columns.map((c) => c.name)];
        const sql = `INSERT INTO ${t.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        return [t.focusGroupId, { columns, statement: raw.prepare(sql) }] as const;
      }),
    );
    let insertOrg: ReturnType<Db['prepare']> | null = null;
    type Row = { org: unknown[]; sector: string; attributes: unknown[] };
    const insertBatch = raw.transaction((rows: Row[]) => {
      for (const row of rows) {
        insertOrg?.run(row.org);
        insertAttributes.get(row.sector)?.statement.run(row.attributes);
      }
    });
    let anchorMs = 0;
    let batch: Row[] = [];
    const report = progress(log, 'raw insert', orgs);
    let done = 0;
    const flush = () => {
      started = performance.now();
      insertBatch(batch);
      anchorMs += performance.now() - started;
      done += batch.length;
      report(done);
      batch = [];
    };
    raiseCacheForBulkInsert(raw);
    for (const row of generateOrganizations(orgs, seed, sectors)) {
      if (insertOrg === null) {
        orgColumns.push(...Object.keys(row.organization));
        insertOrg = raw.prepare(
          `INSERT INTO organizations (${orgColumns.join(', ')}) VALUES (${orgColumns.map(() => '?').join(', ')})`,
        );
      }
      const target = insertAttributes.get(row.sector);
      batch.push({
        org: orgColumns.map((c) => row.organization[c]),
        sector: row.sector,
        attributes:
          target?.columns.map((c) => (c === 'organization_id' ? row.organization[c] : row.attributes[c])) ??
          [],
      });
      if (batch.length === DEFAULT_SAMPLE_BATCH) flush();
    }
    if (batch.length > 0) flush();
    return {
      app: orgs / appSeconds,
      anchor: (orgs / anchorMs) * 1000,
      appSeconds,
      anchorSeconds: anchorMs / 1000,
    };
  } finally {
    raw.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
}
