import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../db/test/helpers';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../test-support/pg-server';
import { seedLabExampleInserts, seedLabGroupInserts } from '../../test-support/seed-lab';

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
    // The 12 tables of the seed's schema, then the assessments, their scores and the platform parameters.
    expect(run.stdout).toMatch(/^organization_dimension_scores\s+2100\s+sha256 [0-9a-f]{16}$/m);
    expect(run.stdout.trim().split('\n')).toHaveLength(16);
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

  it("seed after the seed lab's own INSERTs adds what is missing and names the value it kept (issue 21)", async () => {
    if (!server) throw new Error('no server');
    const lab = await server.createDatabase('seed_lab');
    expect((await cli({ DATABASE_URL: lab }, 'init')).code).toBe(0);
    const psql = new pg.Client({ connectionString: lab });
    await psql.connect();
    await psql.query(seedLabGroupInserts + seedLabExampleInserts(0.25, 72));
    await psql.end();
    const run = await cli({ DATABASE_URL: lab }, 'seed');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      'Seeded focus groups and dimensions: 6 focus groups added, 1 found; 6 dimensions added, 1 found\n' +
        'Seeded weights and calibrations: 48 weights added, 1 found (1 differs from the reference and was kept); ' +
        '29 calibrations added, 1 found\n' +
        '  kept pe_manufacturing / pe_dim_data_infra: weight 0.25 (reference 0.22)\n',
    );
    const status = await cli({ DATABASE_URL: lab }, 'status');
    expect(JSON.parse(status.stdout)).toMatchObject({ weights: 49, calibrations: 30 });
  }, 60_000);

  it('refuses a password on the command line without echoing it', async () => {
    const url = team.replace('studio@', 'studio:s3cret-pw@');
    const run = await cli({}, 'copy', '--from', lab, '--to', url);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/set DATABASE_URL or PGPASSWORD instead/);
    expect(run.stderr + run.stdout).not.toContain('s3cret-pw');
  }, 60_000);

  it('refuses a password in the URL query, in any case, without connecting or echoing it', async () => {
    for (const args of [
      ['--db', `${team}?password=s3cret-q`, 'status'],
      ['copy', '--from', lab, '--to', `${team}?sslmode=disable&PassWord=s3cret-q`],
    ]) {
      const run = await cli({}, ...args);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/^error: .*set DATABASE_URL or PGPASSWORD instead\n$/);
      expect(run.stderr + run.stdout).not.toContain('s3cret-q');
    }
  }, 60_000);

  it('refuses at once, in one sentence, a copy onto its own source under another spelling', async () => {
    if (!server) throw new Error('no server');
    const aliases = [
      team.replace(/^postgres:\/\/studio@127\.0\.0\.1:/, 'postgresql://studio@localhost:'),
      `postgresql:///team?host=${encodeURIComponent(server.socketDir)}&port=${server.port}&user=studio`,
    ];
    for (const alias of aliases) {
      const run = await cli({}, 'copy', '--from', team, '--to', alias, '--replace');
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /^error: PostgreSQL at .*\/team is the same database as PostgreSQL at 127\.0\.0\.1:\d+\/team: copy needs two different databases\n$/,
      );
    }
    const status = await cli({ DATABASE_URL: team }, 'status');
    expect(JSON.parse(status.stdout)).toMatchObject({ organizations: 300 });
  }, 60_000);

  /** Starts `copy`, waits until it waits for the lock `holder` holds, then stops the server under it. */
  async function copyUntilStopped(holder: string, ...args: string[]) {
    if (!server) throw new Error('no server');
    const session = new pg.Client({ connectionString: team });
    session.on('error', () => {});
    await session.connect();
    await session.query('BEGIN');
    await session.query(holder);
    const run = cli({}, 'copy', ...args);
    await vi.waitFor(
      async () => {
        // pg_locks is read live; pg_stat_activity would be a snapshot kept for the transaction.
        const { rows } = await session.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted',
        );
        expect(rows[0]?.n).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 50 },
    );
    await server.halt();
    try {
      return await run;
    } finally {
      await server.start();
      await session.end().catch(() => {});
    }
  }

  it('copy with PostgreSQL stopped mid-copy exits 1 with one line, and the target keeps its rows', async () => {
    const run = await copyUntilStopped(
      'LOCK TABLE organizations IN ACCESS SHARE MODE',
      '--from',
      lab,
      '--to',
      team,
      '--replace',
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^error: PostgreSQL at 127\.0\.0\.1:\d+\/team is unreachable since \d\d:\d\d:\d\d UTC \(.+\); the copy stopped/,
    );
    const status = await cli({ DATABASE_URL: team }, 'status');
    expect(JSON.parse(status.stdout)).toMatchObject({ organizations: 300, weights: 49 });
  }, 120_000);

  it('a copy into a new file that fails midway leaves no file behind', async () => {
    const before = readdirSync(dir.dir);
    const run = await copyUntilStopped(
      'LOCK TABLE organizations IN ACCESS EXCLUSIVE MODE',
      '--from',
      team,
      '--to',
      join(dir.dir, 'new.db'),
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^error: PostgreSQL at 127\.0\.0\.1:\d+\/team is unreachable since .*; the copy stopped and changed nothing\n$/,
    );
    expect(readdirSync(dir.dir)).toEqual(before);
  }, 120_000);

  it('an unreachable server is one line that names it without credentials', async () => {
    const run = await cli({ DATABASE_URL: 'postgres://someone:hunter2@127.0.0.1:1/nowhere' }, 'status');
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
    expect(run.stderr).not.toContain('hunter2');
  }, 60_000);
});
