import { Redis } from 'ioredis';
import type { CacheEvent, CacheEventType } from '../../../shared/domain';
import type { CacheStore, CacheStoreStats } from './store';

export interface RedisStoreOptions {
  /**
   * Subscribe to keyspace notifications so EXPIRED and EVICTED events reach listeners. This adds
   * the `Exe` flags to the server's notify-keyspace-events (CONFIG SET); where CONFIG is not
   * allowed (managed Redis), EXPIRED/EVICTED are simply not emitted. Default true.
   */
  keyspaceEvents?: boolean;
}

function infoField(info: string, name: string): string {
  const match = new RegExp(`^${name}:(.*)$`, 'm').exec(info);
  return match?.[1]?.trim() ?? '';
}

/**
 * CacheStore over a real Redis (ioredis). HIT, MISS, SET, DELETE and FLUSHALL are measured
 * client-side around each round trip; EXPIRED and EVICTED come from keyspace notifications.
 */
export class RedisStore implements CacheStore {
  private readonly listeners = new Set<(event: CacheEvent) => void>();

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis | null,
  ) {
    subscriber?.on('message', (channel: string, key: string) => {
      const type: CacheEventType | null = channel.endsWith(':expired')
        ? 'EXPIRED'
        : channel.endsWith(':evicted')
          ? 'EVICTED'
          : null;
      if (type !== null) this.emit(type, key, 0);
    });
  }

  async get(key: string): Promise<string | null> {
    const start = performance.now();
    const value = await this.redis.get(key);
    this.emit(value === null ? 'MISS' : 'HIT', key, performance.now() - start);
    return value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    const start = performance.now();
    await this.redis.set(key, value, 'EX', ttlSeconds);
    this.emit('SET', key, performance.now() - start);
  }

  /** One DEL per key in a pipeline, so DELETE is emitted exactly for the keys that existed. */
  async del(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const start = performance.now();
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.del(key);
    const results = (await pipeline.exec()) ?? [];
    const duration = performance.now() - start;
    let removed = 0;
    results.forEach(([err, count], i) => {
      if (err) throw err;
      if (count === 1) {
        removed++;
        this.emit('DELETE', keys[i] as string, duration);
      }
    });
    return removed;
  }

  async flushAll(): Promise<void> {
    const start = performance.now();
    await this.redis.flushall();
    this.emit('FLUSHALL', null, performance.now() - start);
  }

  pttl(key: string): Promise<number> {
    return this.redis.pttl(key);
  }

  keys(pattern: string): Promise<string[]> {
    return this.redis.keys(pattern);
  }

  async stats(): Promise<CacheStoreStats> {
    const info = await this.redis.info();
    const number = (name: string) => Number(infoField(info, name) || 0);
    return {
      keyspace_hits: number('keyspace_hits'),
      keyspace_misses: number('keyspace_misses'),
      expired_keys: number('expired_keys'),
      evicted_keys: number('evicted_keys'),
      used_memory: number('used_memory'),
      maxmemory: number('maxmemory'),
      maxmemory_policy: infoField(info, 'maxmemory_policy'),
    };
  }

  onEvent(listener: (event: CacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.redis.quit(), this.subscriber?.quit()]);
  }

  private emit(type: CacheEventType, key: string | null, duration: number): void {
    if (this.listeners.size === 0) return;
    const event: CacheEvent = { type, key, at: Date.now(), duration_ms: duration };
    for (const listener of this.listeners) listener(event);
  }
}

async function subscribeKeyspaceEvents(redis: Redis): Promise<Redis | null> {
  try {
    const [, current = ''] = (await redis.config('GET', 'notify-keyspace-events')) as string[];
    const flags = new Set([...current, 'E', 'x', 'e']);
    await redis.config('SET', 'notify-keyspace-events', [...flags].join(''));
  } catch {
    // CONFIG refused (managed Redis): the store works, without EXPIRED/EVICTED events.
    return null;
  }
  const db = (redis.options.db ?? 0).toString();
  const subscriber = redis.duplicate();
  await subscriber.subscribe(`__keyevent@${db}__:expired`, `__keyevent@${db}__:evicted`);
  return subscriber;
}

/** Connects to `url` (redis://host:port/db) and resolves once the server answers. */
export async function createRedisStore(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  const subscriber = options.keyspaceEvents === false ? null : await subscribeKeyspaceEvents(redis);
  return new RedisStore(redis, subscriber);
}
