import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invokePath, type Channel, type Input } from '../../shared/contract';
import type { CacheLogEntry } from '../../shared/domain';
import { tempDir } from '../../db/test/helpers';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../test-support/pg-server';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const availability = postgresAvailability();

interface Reply {
  status: number;
  body: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

/** The browser host's server in its own process, so that a crash shows as the process ending. */
function startHostProcess(database: string, staticDir: string) {
  const child: ChildProcess = spawn(
    tsx,
    [join(import.meta.dirname, 'test', 'host-process.ts'), database, staticDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = /browser host: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
  });
  return {
    url,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

describe.skipIf(!availability.available)('PostgreSQL going away under the browser host', () => {
  let server: RunningPostgres | undefined;
  let host: ReturnType<typeof startHostProcess> | undefined;
  let base = '';
  let team = '';
  const dir = tempDir();

  async function invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Reply> {
    const response = await fetch(`${base}${invokePath(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }

  /** Waits until the host answers db:status again (it reconnects by itself). */
  async function reachableAgain(): Promise<void> {
    await vi.waitFor(async () => expect((await invoke('db:status', {})).status).toBe(200), {
      timeout: 30_000,
      interval: 200,
    });
  }

  beforeAll(async () => {
    server = await startPostgres();
    team = await server.createDatabase('outage');
    host = startHostProcess(team, dir.dir);
    base = await host.url;
    for (const channel of ['schema:init', 'seed:sectorsDimensions', 'seed:weightsCalibrations'] as const) {
      const reply = await invoke(channel, {});
      if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
    }
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
    await server?.stop();
    dir.cleanup();
  });

  it('a weight saved while PostgreSQL restarts is answered 503 UNAVAILABLE in one sentence, and the host lives on', async () => {
    if (!server || !host) throw new Error('not started');
    // A session holding the sector's current weights, as psql's SELECT … FOR UPDATE would.
    const holder = new pg.Client({ connectionString: team });
    holder.on('error', () => {});
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(
      "SELECT * FROM focus_group_dimension_weights WHERE focus_group_id = 'pe_energy' AND is_current FOR UPDATE",
    );
    const save = invoke('config:updateWeights', {
      focus_group_id: 'pe_energy',
      weights: [{ dimension_code: 'talent', weight: 0.2 }],
      rationale: 'Saved while the server restarts',
    });
    await vi.waitFor(
      async () => {
        // pg_locks is read live; pg_stat_activity would be a snapshot kept for the transaction.
        const { rows } = await holder.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted',
        );
        expect(rows[0]?.n).toBeGreaterThan(0);
      },
      { timeout: 10_000, interval: 50 },
    );
    await server.restart();
    const reply = await save;
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const message = reply.body.ok ? '' : reply.body.error.message;
    expect(message).not.toMatch(/\n/);
    expect(message).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/outage /);
    await holder.end().catch(() => {});

    expect(host.alive(), host.output()).toBe(true);
    await reachableAgain();
    const again = await invoke('config:updateWeights', {
      focus_group_id: 'pe_energy',
      weights: [{ dimension_code: 'talent', weight: 0.2 }],
      rationale: 'Saved after the restart',
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(host.output()).not.toMatch(/Unhandled|Connection terminated/);
  }, 90_000);

  it('while PostgreSQL is down db:status says since when; back up, the host LISTENs again and drops every cached sector', async () => {
    if (!server || !host) throw new Error('not started');
    const log = async () => {
      const reply = await invoke('cache:log', {});
      return reply.body.ok ? (reply.body.value as CacheLogEntry[]) : [];
    };
    /** The log's messages after entry `seq` (the log is newest first). */
    const since = async (seq: number) =>
      (await log()).filter((entry) => entry.seq > seq).map((entry) => entry.message);
    expect((await invoke('cache:fetch', { focus_group_id: 'pe_energy' })).status).toBe(200);
    const beforeOutage = (await log())[0]?.seq ?? 0;
    await server.halt();
    try {
      const status = await invoke('db:status', {});
      expect(status.status).toBe(503);
      expect(status.body).toMatchObject({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: expect.stringMatching(
            /^PostgreSQL at 127\.0\.0\.1:\d+\/outage is unreachable since \d\d:\d\d:\d\d UTC/,
          ),
        },
      });
      const read = await invoke('sectors:list', {});
      expect(read.status).toBe(503);
      expect(host.alive(), host.output()).toBe(true);
    } finally {
      await server.start();
    }
    await reachableAgain();
    // Changes made while it was away went unheard: every cached sector is dropped, saying why.
    await vi.waitFor(
      async () =>
        expect(await since(beforeOutage)).toContainEqual(
          expect.stringMatching(
            /^Cache FLUSHALL \(PostgreSQL reachable again, away since \d\d:\d\d:\d\d UTC/,
          ),
        ),
      { timeout: 30_000, interval: 200 },
    );

    // And it listens again: a script's change reaches the host's cache.
    expect((await invoke('cache:fetch', { focus_group_id: 'pe_retail' })).status).toBe(200);
    const beforeScript = (await log())[0]?.seq ?? 0;
    const script = new pg.Client({ connectionString: team, application_name: 'a script' });
    await script.connect();
    const changeSet = await script.query<{ id: number }>(
      `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
       VALUES ('pe_retail', now(), 'a script', 'a new parameter', 'edit') RETURNING change_set_id AS id`,
    );
    await script.query(
      `INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, change_set_id)
       VALUES ('pe_retail', 'script_parameter', 1, $1)`,
      [changeSet.rows[0]?.id],
    );
    await script.end();
    await vi.waitFor(
      async () =>
        // "; not cached" when a late invalidation of the reconnect emptied the cache first: either
        // line says the script's change was heard.
        expect(await since(beforeScript)).toContainEqual(
          expect.stringMatching(/^Cache DELETE for key: sector:pe_retail \(changed in another process/),
        ),
      { timeout: 10_000, interval: 100 },
    );
    expect(host.alive(), host.output()).toBe(true);
  }, 120_000);
});
