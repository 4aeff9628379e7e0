import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/sqlite/connection';
import { insertSamples } from '../db/sqlite/sample-orgs';

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

export function progressLog(log: Log, label: string, total: number) {
  let next = 0.1;
  return (done: number) => {
    if (done / total + 1e-9 < next) return;
    log(`${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    while (next <= done / total + 1e-9) next += 0.1;
  };
}

/**
 * Seeds the benchmark's database through the app (generation included, as a user pays it), while
 * a second connection tries a one-row write (busy timeout 0) at every progress report to see how
 * long the app holds the write lock. The anchor (`bare-insert.ts`) runs in a child process, so
 * that its memory does not count as the app's.
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
  const seeded = await insertSamples(db, {
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

  const anchorSeconds = await bareInsertInChild(dir, orgs, seed, log);
  return {
    app: orgs / appSeconds,
    anchor: orgs / anchorSeconds,
    appSeconds,
    anchorSeconds,
    lockSeconds: lockMs / 1000,
    progressGapMs,
  };
}

/** Runs bare-insert.ts in its own process and returns the seconds its inserts took. */
async function bareInsertInChild(dir: string, orgs: number, seed: number, log: Log): Promise<number> {
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const script = fileURLToPath(new URL('./bare-insert.ts', import.meta.url));
  const child = spawn(tsx, [script, dir, String(orgs), String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(line.trim());
  });
  const [code] = (await once(child, 'close')) as [number | null];
  const result = /"seconds":([\d.]+)/.exec(stdout);
  if (code !== 0 || !result) throw new Error(`The bare insert exited with ${code}: ${stdout}`);
  return Number(result[1]);
}
