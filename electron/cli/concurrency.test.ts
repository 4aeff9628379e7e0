import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestVersion, migrations } from '../../db/sqlite/migrate';
import { tempDir } from '../../db/test/helpers';
import { createBackend } from '../backend';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dir = tempDir();
const db = join(dir.dir, 'busy.db');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in its own process, as a second user of the file would run it. */
function cli(...args: string[]): { done: Promise<Run>; started: Promise<void> } {
  return cliOn(db, ...args);
}

function cliOn(file: string, ...args: string[]): { done: Promise<Run>; started: Promise<void> } {
  const child = spawn(tsx, [join(root, 'electron/cli/main.ts'), '--db', file, ...args], {
    env: { ...process.env, SECTOR_STUDIO_DB: join(dir.dir, 'unused.db') },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    started: new Promise((resolve) => child.once('spawn', () => resolve())),
    done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr }))),
  };
}

beforeAll(async () => {
  expect((await cli('init').done).code).toBe(0);
  expect((await cli('seed').done).code).toBe(0);
}, 60_000);
afterAll(() => dir.cleanup());

describe('the CLI beside other writers', () => {
  it('two seed-orgs at once both finish with all their rows', async () => {
    const [first, second] = await Promise.all([
      cli('seed-orgs', '--count', '30000', '--seed', '11').done,
      cli('seed-orgs', '--count', '30000', '--seed', '12').done,
    ]);
    expect([first.code, second.code, first.stderr, second.stderr]).toEqual([0, 0, '', '']);
    const status = JSON.parse((await cli('status').done).stdout) as { organizations: number };
    expect(status.organizations).toBe(60_000);
  }, 180_000);

  it('init racing seed on a file made by the previous version: both succeed, the migration runs once', async () => {
    const previous = join(dir.dir, 'previous.db');
    const raw = new Database(previous);
    raw.pragma('journal_mode = WAL');
    for (const migration of migrations().slice(0, latestVersion() - 1)) {
      raw.exec(migration.sql);
      raw.pragma(`user_version = ${migration.version}`);
    }
    raw.close();
    const [init, seed] = await Promise.all([cliOn(previous, 'init').done, cliOn(previous, 'seed').done]);
    expect([init.code, seed.code, init.stderr, seed.stderr]).toEqual([0, 0, '', '']);
    expect(seed.stdout).toMatch(/7 focus groups added, 0 found; 7 dimensions added, 0 found/);
    const check = new Database(previous, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(latestVersion());
    check.close();
  }, 60_000);

  it('edits from the app during a CLI seed succeed', async () => {
    const app = await createBackend({ dbFile: db });
    try {
      const before = await app.invoke('db:status', {});
      const already = before.ok ? before.value.organizations : 0;
      // As many as the table holds, so the CLI takes the bulk path, which keeps the write lock for
      // its final transaction: the app's edits made meanwhile wait it out.
      const seeding = cli('seed-orgs', '--count', String(Math.max(60_000, already + 1)), '--seed', '13');
      await seeding.started;
      // Edits spread over the seed's whole run, as an analyst working beside it would make them.
      let finished = false;
      const exit = seeding.done.then((run) => ((finished = true), run));
      const edits = [];
      for (let i = 0; !finished; i++) {
        edits.push(
          await app.invoke('config:updateWeight', {
            focus_group_id: 'pe_energy',
            dimension_code: 'talent',
            weight: Number((0.1 + (i % 100) / 1000).toFixed(3)),
            rationale: 'test edit',
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(edits.filter((edit) => !edit.ok)).toEqual([]);
      expect(edits.length).toBeGreaterThan(10);
      expect((await exit).code).toBe(0);
    } finally {
      await app.close();
    }
  }, 180_000);
});
