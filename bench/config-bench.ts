import { Redis } from 'ioredis';
import type { Db } from '../db/sqlite/connection';
import { sqliteConfigRepository } from '../db/sqlite/config-repo';
import { KeyspaceStore } from '../electron/backend/cache/keyspace-store';
import { redisServerAvailability, startRedisServer } from '../test-support/redis-server';
import { SectorConfigService, sectorKey } from '../electron/backend/config-service';
import { latencies, median } from './stats';

export interface ConfigBench {
  /** Medians in ms. */
  hitMs: number;
  missMs: number;
  /** null when redis-server is not installed. */
  redisGetMs: number | null;
  redisSkipped: string | null;
  /** The cached JSON, reused as the value of the cache benchmark. */
  cachedValue: string;
}

/**
 * The config service as the backend builds it (cache-aside over the embedded keyspace), timed call
 * by call: hits, misses (the key invalidated before each timed call, outside the timing), and a real
 * redis-server GET of the same value through ioredis, the round trip a team on Redis would pay.
 * Rounds alternate between the three so that load from other processes spreads over all of them.
 */
export async function benchConfig(db: Db, sector: string, quick: boolean): Promise<ConfigBench> {
  const store = new KeyspaceStore();
  const service = new SectorConfigService(sqliteConfigRepository(db), store);
  const rounds = quick ? 2 : 5;
  const perRound = quick ? { hit: 200, miss: 20, redis: 50 } : { hit: 10_000, miss: 400, redis: 2_000 };
  const hit = () => service.getConfig(sector);
  const miss = async () => {
    await service.invalidate(sector);
    const started = performance.now();
    await service.getConfig(sector);
    return performance.now() - started;
  };

  const availability = redisServerAvailability();
  const server = availability.available ? await startRedisServer(availability.binary) : null;
  const redis = server ? new Redis(server.port, '127.0.0.1', { lazyConnect: true }) : null;
  try {
    await hit();
    const cachedValue = (await store.get(sectorKey(sector))) ?? '';
    await redis?.connect();
    await redis?.set(sectorKey(sector), cachedValue, 'EX', 3600);
    const redisGet = redis ? () => redis.get(sectorKey(sector)) : null;

    // Warm-up: the JIT, the statements' plans and the socket, none of it timed.
    await latencies(perRound.hit, hit);
    for (let i = 0; i < perRound.miss; i++) await miss();
    if (redisGet) await latencies(perRound.redis, redisGet);

    const hits: number[] = [];
    const misses: number[] = [];
    const redisGets: number[] = [];
    for (let round = 0; round < rounds; round++) {
      hits.push(...(await latencies(perRound.hit, hit)));
      for (let i = 0; i < perRound.miss; i++) misses.push(await miss());
      if (redisGet) redisGets.push(...(await latencies(perRound.redis, redisGet)));
    }
    return {
      hitMs: median(hits),
      missMs: median(misses),
      redisGetMs: redisGets.length > 0 ? median(redisGets) : null,
      redisSkipped: availability.available ? null : availability.reason,
      cachedValue,
    };
  } finally {
    redis?.disconnect();
    await server?.stop();
    await store.close();
  }
}
