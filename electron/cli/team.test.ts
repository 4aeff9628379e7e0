import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test/helpers';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../db/pg/test/pg-server';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const availability = postgresAvailability();
const dir = tempDir();
const lab = join(dir.dir, 'lab.db');

/** Runs the CLI as a user does, in its own process (asynchronously: several may run at once). */
function cli(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(tsx, [join(root, 'electron/cli/main.ts'), ...args], {
      env: { ...process.env, SECTOR_STUDIO_DB: join(dir.dir, 'unused.db'), DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!availability.available)('the CLI in team mode', () => {
  let server: RunningPostgres | undefined;
  let team = '';
  beforeAll(async () => {
    server = await startPostgres();
    team = await server.createDatabase('team');
    for (const step of [['init'], ['seed'], ['seed-orgs', '--count', '300', '--seed', '5']]) {
      const run = await cli({}, '--db', lab, ...step);
      if (run.code !== 0) throw new Error(run.stderr);
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    dir.cleanup();
  });

  it('copy --from lab.db --to postgres://… moves the laptop database and verifies every table', async () => {
    const run = await cli({}, 'copy', '--from', lab, '--to', team);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^organizations\s+300\s+sha256 [0-9a-f]{16}$/m);
    expect(run.stdout.trim().split('\n')).toHaveLength(12);
    expect(run.stderr).toMatch(
      /Copied .*lab\.db to PostgreSQL at 127\.0\.0\.1:\d+\/team; every table verified/,
    );

    const status = await cli({ DATABASE_URL: team }, 'status');
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ organizations: 300, weights: 49, calibrations: 30 });
    expect(JSON.parse(status.stdout).file).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/team$/);

    const again = await cli({}, 'copy', '--from', lab, '--to', team);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/already holds data .*--replace/) });

    // And back: the configured database (DATABASE_URL) is the source when --from is left out.
    const back = await cli({ DATABASE_URL: team }, 'copy', '--to', join(dir.dir, 'back.db'));
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toBe(run.stdout);
  }, 120_000);

  it('refuses a password on the command line without echoing it', async () => {
    const url = team.replace('studio@', 'studio:s3cret-pw@');
    const run = await cli({}, 'copy', '--from', lab, '--to', url);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/set DATABASE_URL or PGPASSWORD instead/);
    expect(run.stderr + run.stdout).not.toContain('s3cret-pw');
  }, 60_000);

  it('an unreachable server is one line that names it without credentials', async () => {
    const run = await cli({ DATABASE_URL: 'postgres://someone:hunter2@127.0.0.1:1/nowhere' }, 'status');
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
    expect(run.stderr).not.toContain('hunter2');
  }, 60_000);
});
