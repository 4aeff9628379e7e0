import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../test-support/pg-server';
import {
  redisServerAvailability,
  startRedisServer,
  type RunningRedisServer,
} from '../../test-support/redis-server';
import { createBackend, type Backend } from '.';
import { ok } from './test/results';

const postgres = postgresAvailability();
const redis = redisServerAvailability();
const skip = !postgres.available || !redis.available;

describe.skipIf(skip)('two instances on one PostgreSQL and one Redis', () => {
  let pg: RunningPostgres | undefined;
  let cache: RunningRedisServer | undefined;
  const open: Backend[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
    cache = await startRedisServer();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(open.map((backend) => backend.close()));
    await Promise.all([pg?.stop(), cache?.stop()]);
  });

  it("an edit in one reaches the other's cache within a second, in its log, and its next fetch", async () => {
    if (!pg || !cache) throw new Error('servers did not start');
    const url = await pg.createDatabase('team');
    const a = await createBackend({ dbFile: url, redisUrl: cache.url });
    const b = await createBackend({ dbFile: url, redisUrl: cache.url });
    open.push(a, b);
    await ok(a.invoke('schema:init', {}));
    await ok(a.invoke('seed:sectorsDimensions', {}));
    await ok(a.invoke('seed:weightsCalibrations', {}));

    const status = await ok(b.invoke('db:status', {}));
    expect(status.file).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/team$/);
    expect(status.cache.label).toBe(`Redis at 127.0.0.1:${cache.port}`);

    const before = await ok(b.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    expect((await ok(b.invoke('cache:fetch', { focus_group_id: 'pe_energy' }))).source).toBe('cache');
    const logB: { message: string; at: number }[] = [];
    b.subscribe('cache:log', (entry) => logB.push({ message: entry.message, at: performance.now() }));

    const edited = performance.now();
    await ok(
      a.invoke('config:updateCalibration', {
        focus_group_id: 'pe_energy',
        parameter_name: 'ebitda_multiplier',
        value: 1.4321,
        rationale: 'Team-mode propagation test',
      }),
    );
    await vi.waitFor(
      () =>
        expect(logB.some((e) => e.message.startsWith('Cache DELETE for key: sector:pe_energy'))).toBe(true),
      { timeout: 5000, interval: 10 },
    );
    const seenAfter =
      (logB.find((e) => e.message.startsWith('Cache DELETE for key: sector:pe_energy'))?.at ?? 0) - edited;
    expect(seenAfter).toBeLessThan(1000);

    // The shared Redis may already hold the new value (the editing instance caches what it saved).
    const after = await ok(b.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    expect(after.config.calibrations.ebitda_multiplier).toBe(1.4321);
    expect(after.config.calibrations.ebitda_multiplier).not.toBe(
      before.config.calibrations.ebitda_multiplier,
    );
  });
});
