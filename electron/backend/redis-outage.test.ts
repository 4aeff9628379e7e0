import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../db/test/helpers';
import type { CacheInfo } from '../../shared/domain';
import {
  redisServerAvailability,
  startRedisServer,
  type RedisServerOptions,
  type RunningRedisServer,
} from '../../test-support/redis-server';
import { RespClient } from '../../test-support/resp-client';
import { startTcpProxy, type TcpProxy } from '../../test-support/tcp-proxy';
import { createBackend, type Backend } from '.';
import { failure, ok } from './test/results';

const redis = redisServerAvailability();
/** Redis's own default save points: a SHUTDOWN writes the snapshot a restart loads. */
const defaultSnapshots = '3600 1 300 100 60 10000';
const sector = 'pe_energy';
const waitLong = { timeout: 15_000, interval: 25 };

let dir: { dir: string; cleanup: () => void };
const servers: RunningRedisServer[] = [];
const proxies: TcpProxy[] = [];
const open: Backend[] = [];

beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  for (const server of servers) {
    try {
      process.kill(server.pid, 'SIGCONT');
    } catch {
      // Already gone.
    }
  }
  await Promise.all(open.splice(0).map((backend) => backend.close()));
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  dir.cleanup();
});

async function redisServer(options: RedisServerOptions = {}): Promise<RunningRedisServer> {
  if (!redis.available) throw new Error(redis.reason);
  const server = await startRedisServer(redis.binary, options);
  servers.push(server);
  return server;
}

/** An instance on the test's SQLite file, with short reconnection delays and command timeout. */
async function instance(redisUrl: string): Promise<Backend> {
  const backend = await createBackend({
    dbFile: join(dir.dir, 'team.db'),
    redisUrl,
    changePollMs: 50,
    redisClient: { reconnectDelayMs: 5, maxReconnectDelayMs: 40, commandTimeoutMs: 500 },
  });
  open.push(backend);
  return backend;
}

async function seed(backend: Backend): Promise<void> {
  await ok(backend.invoke('schema:init', {}));
  await ok(backend.invoke('seed:sectorsDimensions', {}));
  await ok(backend.invoke('seed:weightsCalibrations', {}));
}

const fetchSector = (backend: Backend) => ok(backend.invoke('cache:fetch', { focus_group_id: sector }));
const cacheStatus = async (backend: Backend) => (await ok(backend.invoke('db:status', {}))).cache;
const editEbitda = (backend: Backend, value: number) =>
  backend.invoke('config:updateCalibration', {
    focus_group_id: sector,
    parameter_name: 'ebitda_multiplier',
    value,
    rationale: 'Saved while the cache was away',
  });

function messages(backend: Backend): string[] {
  const log: string[] = [];
  backend.subscribe('cache:log', (entry) => log.push(entry.message));
  return log;
}

async function cachedAgain(backend: Backend): Promise<void> {
  await vi.waitFor(async () => expect((await fetchSector(backend)).source).toBe('cache'), waitLong);
}

async function shutdown(server: RunningRedisServer): Promise<void> {
  const client = await RespClient.connect(server.port);
  // SHUTDOWN saves the snapshot, then closes the connection instead of replying.
  await client.call(['SHUTDOWN']).catch(() => {});
  client.close();
  await server.stop();
}

describe.skipIf(!redis.available)('when Redis goes away and comes back', () => {
  it('a killed Redis: reads come from the database as misses, status says since when, errors are typed; cached again once it returns', async () => {
    const server = await redisServer();
    const a = await instance(server.url);
    await seed(a);
    await fetchSector(a);
    expect((await fetchSector(a)).source).toBe('cache');
    const log = messages(a);
    const pushed: CacheInfo[] = [];
    a.subscribe('cache:status', (info) => pushed.push(info));

    const killed = Date.now();
    process.kill(server.pid, 'SIGKILL');
    await server.stop();

    const during = await fetchSector(a);
    expect(during.source).toBe('database');
    expect(log).toContain(`Cache MISS for key: sector:${sector} (cache unavailable)`);
    const down = await cacheStatus(a);
    expect(down.kind).toBe('redis');
    expect(down.unreachable_since).toBeGreaterThanOrEqual(killed);
    expect(down.warning).toMatch(
      /^Redis at 127\.0\.0\.1:\d+ unreachable since \d{4}-\d\d-\d\dT[\d:.]+Z: reading from the database; edits are saved$/,
    );
    expect(pushed.at(-1)?.unreachable_since).toBe(down.unreachable_since);
    for (const error of [
      await failure(a.invoke('cache:invalidate', { focus_group_id: sector })),
      await failure(a.invoke('cache:stats', {})),
    ]) {
      expect(error).toEqual({
        code: 'UNAVAILABLE',
        message: `Redis at 127.0.0.1:${server.port} cannot be reached now; the app reconnects by itself`,
      });
    }

    await redisServer({ port: server.port });
    await cachedAgain(a);
    expect(await cacheStatus(a)).toEqual({
      kind: 'redis',
      label: `Redis at 127.0.0.1:${server.port}`,
      warning: null,
      unreachable_since: null,
    });
    expect(pushed.at(-1)?.unreachable_since).toBeNull();
  });

  it('keeps reconnecting past the 20 attempts after which the client used to give up', async () => {
    const server = await redisServer();
    const proxy = await startTcpProxy(server.port);
    proxies.push(proxy);
    const a = await instance(`redis://127.0.0.1:${proxy.port}`);
    await seed(a);
    await fetchSector(a);

    proxy.cut();
    // Two connections (commands and pub/sub) each try again: more than 2 × 20 attempts.
    await vi.waitFor(() => expect(proxy.refused).toBeGreaterThan(50), { timeout: 20_000, interval: 20 });
    expect((await cacheStatus(a)).unreachable_since).not.toBeNull();
    expect((await fetchSector(a)).source).toBe('database');

    proxy.restore();
    await cachedAgain(a);
    expect((await cacheStatus(a)).unreachable_since).toBeNull();
  }, 40_000);

  it('a Redis that stops answering (SIGSTOP): a read answers from the database within the command timeout', async () => {
    const server = await redisServer();
    const a = await instance(server.url);
    await seed(a);
    await fetchSector(a);
    const log = messages(a);

    process.kill(server.pid, 'SIGSTOP');
    const during = await fetchSector(a);
    expect(during.source).toBe('database');
    expect(log).toContain(`Cache MISS for key: sector:${sector} (cache unavailable)`);
    expect((await cacheStatus(a)).unreachable_since).not.toBeNull();

    process.kill(server.pid, 'SIGCONT');
    await cachedAgain(a);
  }, 20_000);

  it('an edit while Redis is shut down is saved and answers ok; neither instance serves the snapshot Redis reloads', async () => {
    const redisDir = join(dir.dir, 'redis');
    mkdirSync(redisDir);
    const snapshotting = { dir: redisDir, save: defaultSnapshots };
    const server = await redisServer(snapshotting);
    const a = await instance(server.url);
    await seed(a);
    // Opened after the seeding, so that no late invalidation of it (the file's change feed)
    // can empty Redis before the snapshot is taken.
    const b = await instance(server.url);
    const before = (await fetchSector(a)).config.calibrations.ebitda_multiplier;
    const ebitda = (sectors: { focus_group_id: string; calibrations: Record<string, number> }[]) =>
      sectors.find((s) => s.focus_group_id === sector)?.calibrations.ebitda_multiplier;
    for (const x of [a, b]) {
      await cachedAgain(x);
      expect(ebitda(await ok(x.invoke('config:all', {})))).toBe(before);
    }
    const logA = messages(a);

    await shutdown(server);
    const edited = await ok(editEbitda(a, 1.4321));
    expect(edited.calibrations.ebitda_multiplier).toBe(1.4321);
    expect(logA).toContain(
      `Cache DELETE for key: sector:${sector} (cache unavailable: deleted when it returns)`,
    );
    expect((await cacheStatus(a)).unreachable_since).not.toBeNull();

    // The snapshot holds the value from before the edit: what a restarted Redis serves.
    const copyDir = join(dir.dir, 'copy');
    mkdirSync(copyDir);
    copyFileSync(join(redisDir, 'dump.rdb'), join(copyDir, 'dump.rdb'));
    const copy = await redisServer({ dir: copyDir });
    const client = await RespClient.connect(copy.port);
    const held = await client.call(['GET', `sector:${sector}`]);
    client.close();
    expect(held.type === 'bulk' && JSON.parse(held.value)).toMatchObject({
      calibrations: { ebitda_multiplier: before },
    });

    await redisServer({ ...snapshotting, port: server.port });
    for (const x of [a, b]) {
      await vi.waitFor(async () => expect((await cacheStatus(x)).unreachable_since).toBeNull(), waitLong);
    }
    for (const x of [a, b]) {
      expect((await fetchSector(x)).config.calibrations.ebitda_multiplier).toBe(1.4321);
      expect(ebitda(await ok(x.invoke('config:all', {})))).toBe(1.4321);
    }
    expect((await fetchSector(b)).source).toBe('cache');

    // Each subscriber is subscribed again: another instance's invalidation reaches it.
    await ok(b.invoke('cache:invalidate', { focus_group_id: sector }));
    await vi.waitFor(
      () => expect(logA).toContain(`Cache DELETE for key: sector:${sector} (by another instance)`),
      waitLong,
    );
  });

  it('an instance cut off from Redis while another edits never reads an old value, before or after it reconnects', async () => {
    const server = await redisServer();
    const proxy = await startTcpProxy(server.port);
    proxies.push(proxy);
    const a = await instance(`redis://127.0.0.1:${proxy.port}`);
    const b = await instance(server.url);
    await seed(a);
    for (const x of [a, b, a, b]) await fetchSector(x);

    proxy.cut();
    await vi.waitFor(async () => expect((await cacheStatus(a)).unreachable_since).not.toBeNull(), waitLong);
    await ok(editEbitda(b, 1.5));
    expect((await fetchSector(a)).config.calibrations.ebitda_multiplier).toBe(1.5);
    await ok(editEbitda(a, 1.6));
    // b learns of a's edit from the database's change feed, since a could not tell Redis.
    await vi.waitFor(
      async () => expect((await fetchSector(b)).config.calibrations.ebitda_multiplier).toBe(1.6),
      waitLong,
    );

    proxy.restore();
    await vi.waitFor(async () => expect((await cacheStatus(a)).unreachable_since).toBeNull(), waitLong);
    for (const x of [a, b, a, b])
      expect((await fetchSector(x)).config.calibrations.ebitda_multiplier).toBe(1.6);
    expect((await fetchSector(a)).source).toBe('cache');
  });
});
