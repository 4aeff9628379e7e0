import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from '../../db/test/helpers';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dir = tempDir();
const db = join(dir.dir, 'safe.db');

function cli(...args: string[]) {
  const run = spawnSync(tsx, [join(root, 'electron/cli/main.ts'), '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SECTOR_STUDIO_DB: join(dir.dir, 'unused.db') },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const organizations = () => {
  const reader = new Database(db, { readonly: true });
  try {
    return reader.prepare('SELECT count(*) FROM organizations').pluck().get() as number;
  } finally {
    reader.close();
  }
};

beforeAll(() => {
  expect(cli('init').code).toBe(0);
  expect(cli('seed').code).toBe(0);
  expect(cli('seed-orgs', '--count', '3000', '--seed', '1').code).toBe(0);
}, 120_000);
afterAll(() => dir.cleanup());

describe('export never destroys a file', () => {
  it('refuses the open database, its -wal and -shm, and any SQLite file, and leaves them as they were', () => {
    const other = join(dir.dir, 'other.sqlite');
    new Database(other).exec('CREATE TABLE kept (x)');
    const before = sha(other);
    for (const target of [db, `${db}-wal`, other]) {
      const run = cli('export', '--out', target, '--force');
      expect(run.code, target).toBe(2);
      expect(run.stderr).toMatch(/^error: Refusing to export over .*\n$/);
    }
    expect(sha(other)).toBe(before);
    expect(organizations()).toBe(3000);
  });

  it('replaces an existing file only with --force', () => {
    const out = join(dir.dir, 'existing.csv');
    writeFileSync(out, 'keep me');
    const refused = cli('export', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(cli('export', '--out', out, '--force').code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(3002);
  });

  it('never writes through a planted symlink, and leaves no partial file', () => {
    const victim = join(dir.dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const out = join(dir.dir, 'planted.csv');
    symlinkSync(victim, `${out}.partial`);
    expect(cli('export', '--out', out).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(
      readdirSync(dir.dir).filter((name) => name.includes('.partial') && name !== 'planted.csv.partial'),
    ).toEqual([]);
  });

  it('says in one line that a folder does not exist', () => {
    const run = cli('export', '--out', '/nonexistent-dir/x.csv');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: The folder /nonexistent-dir does not exist\n');
  });
});

describe('usage and range errors exit 2 with one line', () => {
  it.each([
    [['seed-orgs', '--count', '1000001']],
    [['orgs', '--limit', '501']],
    [['export', '--search', 'x'.repeat(201), '--out', join(dir.dir, 'never.csv')]],
    [['export', '--sort', 'bogus', '--out', join(dir.dir, 'never.csv')]],
  ])('%j', (args) => {
    const run = cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/ZodError|at .*\.ts:\d+/);
  });
});

/** Runs the CLI through npm, as a person does, in its own process group, as a terminal does. */
function npmCli(...args: string[]) {
  const child = spawn('npm', ['run', '-s', 'cli', '--', '--db', db, ...args], {
    cwd: root,
    detached: true,
    env: { ...process.env, SECTOR_STUDIO_DB: join(dir.dir, 'unused.db') },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // npm itself ends by the SIGINT it was sent once its script has finished: the script's output
  // tells what happened.
  const done = new Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (_code, signal) => resolve({ signal, stdout, stderr })),
  );
  // Ctrl-C in a terminal signals the whole foreground process group.
  const interrupt = () => process.kill(-(child.pid as number), 'SIGINT');
  return { done, interrupt, output: () => stderr + stdout };
}

async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Ctrl-C', () => {
  it('once cancels seed-orgs cleanly through npm: whole batches kept, and it says how many', async () => {
    const before = organizations();
    // Below the bulk path's threshold: batches commit as they go, so a cancel keeps whole batches.
    const run = npmCli('seed-orgs', '--count', '45000', '--seed', '9');
    await until(() => organizations() > before);
    run.interrupt();
    const { signal, stdout } = await run.done;
    expect(signal).toBe('SIGINT');
    const kept = Number(/^Cancelled after inserting (\d+) organizations/.exec(stdout)?.[1]);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(45_000);
    expect(organizations()).toBe(before + kept);
  }, 180_000);

  it('once cancels an export: no file, no partial file; twice quits at once, still leaving nothing', async () => {
    expect(cli('seed-orgs', '--count', '40000', '--seed', '10').code).toBe(0);
    for (const presses of [1, 2]) {
      const out = join(dir.dir, `cancelled-${presses}.csv`);
      const run = npmCli('export', '--out', out);
      await until(() => readdirSync(dir.dir).some((name) => name.startsWith(`.cancelled-${presses}.csv.`)));
      run.interrupt();
      if (presses === 2) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        // The first press may already have finished the cancel and ended the process.
        try {
          run.interrupt();
        } catch (error) {
          if ((error as { code?: string }).code !== 'ESRCH') throw error;
        }
      }
      const { stderr } = await run.done;
      if (presses === 1) expect(stderr).toMatch(/Cancelled after \d+ organizations; .* was not written/);
      else expect(stderr).not.toMatch(/Exported/);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir.dir).filter((name) => name.startsWith(`.cancelled-${presses}`))).toEqual([]);
    }
  }, 240_000);
});
