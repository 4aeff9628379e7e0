import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { attributeTables } from '../db/columns';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { generateOrganizations, insertSampleOrganizations } from '../db/sample-orgs';
import { seedFocusGroupsAndDimensions } from '../db/seeding';

export interface SeedBench {
  /** Organizations (each with its attribute row) per second. */
  app: number;
  anchor: number;
  appSeconds: number;
  anchorSeconds: number;
  /** Longest stretch during which another connection's write was refused (busy), in seconds. */
  lockSeconds: number;
  /** Longest gap between two progress reports, in ms. */
  progressGapMs: number;
}

export type Log = (message: string) => void;

function progressLog(log: Log, label: string, total: number) {
  let next = 0.1;
  return (done: number) => {
    if (done / total + 1e-9 < next) return;
    log(`${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    while (next <= done / total + 1e-9) next += 0.1;
  };
}

/** Rows per transaction of the anchor: large, so that commits cost it as little as possible. */
const ANCHOR_BATCH = 20_000;

/**
 * Seeds the benchmark's database through the app (generation included, as a user pays it), while
 * a second connection tries a one-row write (busy timeout 0) at every progress report to see how
 * long the app holds the write lock. The anchor is SQLite's own limit for these rows: a fresh file
 * with the same tables and no secondary index, one prepared positional statement per table, rows
 * generated beforehand outside the timing, 20,000 per transaction.
 */
export async function benchSeed(
  db: Db,
  dir: string,
  orgs: number,
  seed: number,
  log: Log,
  onSample: () => void,
): Promise<SeedBench> {
  const probe = new Database(db.name);
  probe.pragma('busy_timeout = 0');
  const touch = probe.prepare(
    "UPDATE focus_groups SET updated_at = updated_at WHERE focus_group_id = 'pe_manufacturing'",
  );
  let lockedSince: number | null = null;
  let lockMs = 0;
  let lastReport = performance.now();
  let progressGapMs = 0;
  const report = progressLog(log, 'app seeding', orgs);
  const started = performance.now();
  const seeded = await insertSampleOrganizations(db, {
    count: orgs,
    seed,
    onProgress: (done) => {
      const now = performance.now();
      progressGapMs = Math.max(progressGapMs, now - lastReport);
      lastReport = now;
      try {
        touch.run();
        if (lockedSince !== null) lockMs = Math.max(lockMs, now - lockedSince);
        lockedSince = null;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        lockedSince ??= now;
      }
      onSample();
      report(done);
    },
  });
  const appSeconds = (performance.now() - started) / 1000;
  probe.close();
  if (seeded.inserted !== orgs) throw new Error(`Seeding inserted ${seeded.inserted} of ${orgs}`);
  // The write lock ends with the commit, after the last report: close an open stretch there.
  if (lockedSince !== null) lockMs = Math.max(lockMs, performance.now() - lockedSince);
  log(`app seeding: ${appSeconds.toFixed(1)} s, write lock held up to ${(lockMs / 1000).toFixed(1)} s`);

  const anchorSeconds = await bareInsert(dir, orgs, seed, log, onSample);
  return {
    app: orgs / appSeconds,
    anchor: orgs / anchorSeconds,
    appSeconds,
    anchorSeconds,
    lockSeconds: lockMs / 1000,
    progressGapMs,
  };
}

/** Seconds a bare insert loop takes for the same rows into the same tables without secondary indexes. */
async function bareInsert(dir: string, orgs: number, seed: number, log: Log, onSample: () => void) {
  const file = join(dir, 'bare-insert.sqlite');
  const raw = openDatabase(file);
  try {
    migrate(raw);
    seedFocusGroupsAndDimensions(raw);
    // The same page cache as the app's bulk writer.
    raw.pragma('cache_size = -65536');
    const indexes = raw
      .prepare<[], string>(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'organizations' AND sql IS NOT NULL",
      )
      .pluck()
      .all();
    for (const name of indexes) raw.exec(`DROP INDEX ${name}`);
    const sectors = raw
      .prepare<[], string>('SELECT focus_group_id FROM focus_groups ORDER BY display_order')
      .pluck()
      .all();
    const insertAttributes = new Map(
      attributeTables().map((t) => {
        const columns = ['organization_id', ...t.columns.map((c) => c.name)];
        const sql = `INSERT INTO ${t.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        return [t.focusGroupId, { columns, statement: raw.prepare(sql) }] as const;
      }),
    );
    const orgColumns: string[] = [];
    let insertOrg: Database.Statement | null = null;
    type Row = { org: unknown[]; sector: string; attributes: unknown[] };
    const insertBatch = raw.transaction((rows: Row[]) => {
      for (const row of rows) {
        insertOrg?.run(row.org);
        insertAttributes.get(row.sector)?.statement.run(row.attributes);
      }
    });
    let anchorMs = 0;
    let batch: Row[] = [];
    let done = 0;
    const report = progressLog(log, 'bare insert', orgs);
    const flush = () => {
      const started = performance.now();
      insertBatch.immediate(batch);
      anchorMs += performance.now() - started;
      done += batch.length;
      batch = [];
      onSample();
      report(done);
    };
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
      if (batch.length === ANCHOR_BATCH) flush();
    }
    if (batch.length > 0) flush();
    return anchorMs / 1000;
  } finally {
    raw.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}
