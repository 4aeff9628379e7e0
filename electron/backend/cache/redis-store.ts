import { randomUUID } from 'node:crypto';
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
  /** How long to wait for the server at start before giving up. */
  connectTimeoutMs?: number;
}

/** Where instances sharing one Redis announce their invalidations to each other. */
export const INVALIDATIONS_CHANNEL = 'sector-studio:invalidations';

interface Invalidation {
  origin: string;
  /** null for FLUSHALL */
  keys: string[] | null;
}

function infoField(info: string, name: string): string {
  const match = new RegExp(`^${name}:(.*)$`, 'm').exec(info);
  return match?.[1]?.trim() ?? '';
}

function parseInvalidation(text: string): Invalidation | null {
  try {
    const value = JSON.parse(text) as Partial<Invalidation>;
    const keysOk =
      value.keys === null || (Array.isArray(value.keys) && value.keys.every((k) => typeof k === 'string'));
    return typeof value.origin === 'string' && keysOk ? (value as Invalidation) : null;
  } catch {
    return null;
  }
}

/**
 * CacheStore over a real Redis (ioredis). HIT, MISS, SET, DELETE and FLUSHALL are measured
 * client-side around each round trip; EXPIRED and EVICTED come from keyspace notifications; the
 * DELETE and FLUSHALL of other instances sharing the server arrive by pub/sub, marked `remote`.
 */
export class RedisStore implements CacheStore {
  private readonly listeners = new Set<(event: CacheEvent) => void>();
  private readonly origin = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === INVALIDATIONS_CHANNEL) return this.receiveInvalidation(message);
      const type: CacheEventType | null = channel.endsWith(':expired')
        ? 'EXPIRED'
        : channel.endsWith(':evicted')
          ? 'EVICTED'
          : null;
      if (type !== null) this.emit({ type, key: message, duration: 0 });
    });
  }

  async get(key: string): Promise<string | null> {
    const start = performance.now();
    const value = await this.redis.get(key);
    this.emit({ type: value === null ? 'MISS' : 'HIT', key, duration: performance.now() - start });
    return value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    const start = performance.now();
    await this.redis.set(key, value, 'EX', ttlSeconds);
    this.emit({ type: 'SET', key, duration: performance.now() - start });
  }

  /** One DEL per key in a pipeline, so DELETE is emitted exactly for the keys that existed. */
  async del(keys: string[], note?: string): Promise<string[]> {
    if (keys.length === 0) return [];
    const start = performance.now();
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.del(key);
    const results = (await pipeline.exec()) ?? [];
    const duration = performance.now() - start;
    const removed = keys.filter((_, i) => {
      const [error, count] = results[i] ?? [null, 0];
      if (error) throw error;
      return count === 1;
    });
    for (const key of removed) this.emit({ type: 'DELETE', key, duration, note });
    await this.announce({ origin: this.origin, keys });
    return removed;
  }

  async flushAll(note?: string): Promise<void> {
    const start = performance.now();
    await this.redis.flushall();
    this.emit({ type: 'FLUSHALL', key: null, duration: performance.now() - start, note });
    await this.announce({ origin: this.origin, keys: null });
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
    await Promise.all([this.redis.quit(), this.subscriber.quit()]);
  }

  private async announce(invalidation: Invalidation): Promise<void> {
    await this.redis.publish(INVALIDATIONS_CHANNEL, JSON.stringify(invalidation));
  }

  private receiveInvalidation(message: string): void {
    const invalidation = parseInvalidation(message);
    if (invalidation === null || invalidation.origin === this.origin) return;
    const note = 'by another instance';
    if (invalidation.keys === null)
      this.emit({ type: 'FLUSHALL', key: null, duration: 0, note, remote: true });
    for (const key of invalidation.keys ?? [])
      this.emit({ type: 'DELETE', key, duration: 0, note, remote: true });
  }

  private emit(event: {
    type: CacheEventType;
    key: string | null;
    duration: number;
    note?: string;
    remote?: boolean;
  }): void {
    if (this.listeners.size === 0) return;
    const payload: CacheEvent = {
      type: event.type,
      key: event.key,
      at: Date.now(),
      duration_ms: event.duration,
    };
    if (event.note !== undefined) payload.note = event.note;
    if (event.remote) payload.remote = true;
    for (const listener of this.listeners) listener(payload);
  }
}

async function enableKeyspaceEvents(redis: Redis): Promise<boolean> {
  try {
    const [, current = ''] = (await redis.config('GET', 'notify-keyspace-events')) as string[];
    const flags = new Set([...current, 'E', 'x', 'e']);
    await redis.config('SET', 'notify-keyspace-events', [...flags].join(''));
    return true;
  } catch {
    // CONFIG refused (managed Redis): the store works, without EXPIRED/EVICTED events.
    return false;
  }
}

/**
 * Connects to `url` (redis://[user:password@]host:port/db) and resolves once the server answers;
 * rejects (and stops retrying) when it does not within the timeout.
 */
export async function createRedisStore(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: options.connectTimeoutMs ?? 3000,
    retryStrategy: (attempt) => (attempt > 20 ? null : Math.min(attempt * 200, 2000)),
  });
  // Connection errors surface through connect() and commands; without a listener ioredis would
  // print each retry's error. The socket's own error says more than connect()'s "Connection is closed".
  let socketError: Error | undefined;
  redis.on('error', (error: Error) => (socketError = error));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw socketError ?? error;
  }
  const channels = [INVALIDATIONS_CHANNEL];
  if (options.keyspaceEvents !== false && (await enableKeyspaceEvents(redis))) {
    const db = (redis.options.db ?? 0).toString();
    channels.push(`__keyevent@${db}__:expired`, `__keyevent@${db}__:evicted`);
  }
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {});
  await subscriber.subscribe(...channels);
  return new RedisStore(redis, subscriber);
}
