import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CacheEvent } from '../../../shared/domain';
import { KeyspaceStore } from './keyspace-store';
import { createRedisStore } from './redis-store';
import {
  redisServerAvailability,
  startRedisServer,
  type RunningRedisServer,
} from '../../../test-support/redis-server';
import type { CacheStore } from './store';

const availability = redisServerAvailability();

/** The CacheStore contract, run against every implementation. */
function contract(name: string, create: () => Promise<CacheStore>, skip = false): void {
  describe.skipIf(skip)(name, () => {
    let store: CacheStore;
    let events: CacheEvent[];
    beforeAll(async () => {
      store = await create();
    });
    afterAll(async () => {
      await store?.close();
    });
    afterEach(async () => {
      await store.flushAll();
    });

    it('cache-aside sequence emits MISS, SET, HIT, DELETE, FLUSHALL', async () => {
      await store.flushAll();
      events = [];
      const off = store.onEvent((e) => events.push(e));
      expect(await store.get('sector:pe_x')).toBeNull();
      await store.set('sector:pe_x', '{"a":1}', 3600);
      expect(await store.get('sector:pe_x')).toBe('{"a":1}');
      expect(await store.del(['sector:pe_x', 'missing'], 'changed in another process')).toEqual([
        'sector:pe_x',
      ]);
      await store.flushAll();
      off();
      await store.get('after');
      expect(events.map((e) => [e.type, e.key, e.note])).toEqual([
        ['MISS', 'sector:pe_x', undefined],
        ['SET', 'sector:pe_x', undefined],
        ['HIT', 'sector:pe_x', undefined],
        ['DELETE', 'sector:pe_x', 'changed in another process'],
        ['FLUSHALL', null, undefined],
      ]);
      for (const e of events) expect(e.duration_ms).toBeGreaterThanOrEqual(0);
    });

    it('pttl, keys and stats follow Redis', async () => {
      const before = await store.stats();
      await store.set('sector:a', 'v', 100);
      await store.set('sectors:all', 'v', 100);
      const pttl = await store.pttl('sector:a');
      expect(pttl).toBeGreaterThan(99_000);
      expect(pttl).toBeLessThanOrEqual(100_000);
      expect(await store.pttl('missing')).toBe(-2);
      expect((await store.keys('sector:*')).sort()).toEqual(['sector:a']);
      await store.get('sector:a');
      await store.get('nope');
      const after = await store.stats();
      // pttl counts as a lookup too, as TTL does in Redis.
      expect(after.keyspace_hits - before.keyspace_hits).toBe(2);
      expect(after.keyspace_misses - before.keyspace_misses).toBe(2);
      expect(after.maxmemory_policy).toBe('noeviction');
      expect(after.used_memory).toBeGreaterThan(0);
    });

    it('keys expire after their TTL and an EXPIRED event is emitted', async () => {
      const expired: CacheEvent[] = [];
      const off = store.onEvent((e) => e.type === 'EXPIRED' && expired.push(e));
      await store.set('short', 'v', 1);
      await vi.waitFor(async () => expect(await store.get('short')).toBeNull(), {
        timeout: 3000,
        interval: 100,
      });
      await vi.waitFor(() => expect(expired.map((e) => e.key)).toContain('short'), {
        timeout: 3000,
        interval: 50,
      });
      off();
    });
  });
}

contract('KeyspaceStore', async () => new KeyspaceStore());

let server: RunningRedisServer | undefined;
afterAll(async () => {
  await server?.stop();
});
contract(
  availability.available ? 'RedisStore' : `RedisStore (SKIPPED: ${availability.reason})`,
  async () => {
    server = await startRedisServer();
    return createRedisStore(server.url);
  },
  !availability.available,
);
