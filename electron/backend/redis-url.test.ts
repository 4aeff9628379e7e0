import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../db/test/helpers';
import type { CacheLogEntry, DbStatus } from '../../shared/domain';
import { hostOptions, serve } from '../browser-host/serve';
import {
  redisServerAvailability,
  startRedisServer,
  type RunningRedisServer,
} from '../../test-support/redis-server';
import { RespClient } from '../../test-support/resp-client';
import { createBackend, type Backend } from '.';
import { ok } from './test/results';

const redis = redisServerAvailability();
const skip = !redis.available;
const root = join(import.meta.dirname, '..', '..');
let server: RunningRedisServer;
let dir: { dir: string; cleanup: () => void };
let file: string;
const open: Backend[] = [];

async function instance(redisUrl: string): Promise<Backend> {
  const backend = await createBackend({ dbFile: file, redisUrl, changePollMs: 100 });
  open.push(backend);
  return backend;
}

async function redisKeys(): Promise<string[]> {
  const client = await RespClient.connect(server.port);
  const reply = await client.call(['KEYS', '*']);
  client.close();
  return reply.type === 'array' ? reply.value.map((item) => (item.type === 'bulk' ? item.value : '')) : [];
}

beforeAll(async () => {
  if (redis.available) server = await startRedisServer(redis.binary);
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => {
  dir = tempDir();
  file = join(dir.dir, 'team.db');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((backend) => backend.close()));
  dir.cleanup();
});

describe(`REDIS_URL${redis.available ? '' : ` (skipped: ${redis.reason})`}`, () => {
  it.skipIf(skip)('caches in the Redis it names, and says so in db:status', async () => {
    const a = await instance(server.url);
    await ok(a.invoke('schema:init', {}));
    await ok(a.invoke('seed:sectorsDimensions', {}));
    await ok(a.invoke('seed:weightsCalibrations', {}));
    expect((await ok(a.invoke('db:status', {}))).cache).toEqual({
      kind: 'redis',
      label: `Redis at 127.0.0.1:${server.port}`,
      warning: null,
      unreachable_since: null,
    });
    await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    expect(await redisKeys()).toContain('sector:pe_energy');
  });

  it.skipIf(skip)("shows another instance's invalidation of the shared Redis in each cache log", async () => {
    const a = await instance(server.url);
    const b = await instance(server.url);
    await ok(a.invoke('schema:init', {}));
    await ok(a.invoke('seed:sectorsDimensions', {}));
    await ok(a.invoke('seed:weightsCalibrations', {}));
    const logA: string[] = [];
    a.subscribe('cache:log', (entry: CacheLogEntry) => logA.push(entry.message));
    await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    await ok(b.invoke('cache:invalidate', { focus_group_id: 'pe_energy' }));
    await vi.waitFor(
      () => expect(logA).toContain('Cache DELETE for key: sector:pe_energy (by another instance)'),
      { timeout: 5000, interval: 20 },
    );
    expect((await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }))).source).toBe('database');
  });

  it('falls back to the embedded cache, with a warning, when the server cannot be reached', async () => {
    const a = await instance('redis://127.0.0.1:1');
    const status = await ok(a.invoke('db:status', {}));
    expect(status.cache).toMatchObject({ kind: 'embedded', label: 'embedded' });
    expect(status.cache.warning).toMatch(
      /^Redis at 127\.0\.0\.1:1 is unreachable .*: using the embedded cache instead$/,
    );
  });

  it('never shows the credentials of REDIS_URL', async () => {
    const a = await instance('redis://analyst:s3cret@127.0.0.1:1/0');
    const status = await ok(a.invoke('db:status', {}));
    expect(JSON.stringify(status)).not.toContain('s3cret');
  });
});

describe(`REDIS_URL in the shells${redis.available ? '' : ` (skipped: ${redis.reason})`}`, () => {
  it.skipIf(skip)('the browser host reads it from the environment and serves with that cache', async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'static-'));
    const options = hostOptions(
      ['node', 'main', '--port', '0', '--db', file],
      { REDIS_URL: server.url },
      staticDir,
    );
    expect(options.redisUrl).toBe(server.url);
    const serving = await serve(options);
    try {
      expect(serving.cache.label).toBe(`Redis at 127.0.0.1:${server.port}`);
      const reply = await fetch(`${serving.host.url}/api/invoke/db:status`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(((await reply.json()) as { value: DbStatus }).value.cache.kind).toBe('redis');
    } finally {
      await serving.close();
    }
  });

  it.skipIf(skip)(
    'the CLI reads it from the environment; an unreachable one is one warning line',
    async () => {
      await ok((await instance(server.url)).invoke('schema:init', {}));
      const run = (redisUrl: string) =>
        spawnSync(
          join(root, 'node_modules', '.bin', 'tsx'),
          [join(root, 'electron/cli/main.ts'), '--db', file, 'status'],
          {
            encoding: 'utf8',
            env: { ...process.env, REDIS_URL: redisUrl },
          },
        );
      const shared = run(server.url);
      expect(shared.status).toBe(0);
      expect((JSON.parse(shared.stdout) as DbStatus).cache.label).toBe(`Redis at 127.0.0.1:${server.port}`);
      const unreachable = run('redis://127.0.0.1:1');
      expect(unreachable.status).toBe(0);
      expect(unreachable.stderr).toMatch(/^warning: Redis at 127\.0\.0\.1:1 is unreachable .*\n$/);
    },
  );
});
