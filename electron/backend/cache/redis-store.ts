import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { CacheEvent, CacheEventType } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { CacheStore, CacheStoreStats } from './store';

/** How the client waits for a Redis that went away, and how long one command may take. */
export interface RedisClientOptions {
  /** The first wait before connecting again; it doubles with each attempt. Default 100. */
  reconnectDelayMs?: number;
  /** The longest wait between two attempts; attempts never stop. Default 2000. */
  maxReconnectDelayMs?: number;
  /**
   * A command without a reply by then fails and the connection is opened again, so that a read
   * from a Redis that stopped answering goes to the database instead of waiting. Default 2000.
   */
  commandTimeoutMs?: number;
}

export interface RedisStoreOptions extends RedisClientOptions {
  /**
   * Subscribe to keyspace notifications so EXPIRED and EVICTED events reach listeners. This adds
   * the `Exe` flags to the server's notify-keyspace-events (CONFIG SET); where CONFIG is not
   * allowed (managed Redis), EXPIRED/EVICTED are simply not emitted. Default true.
   */
  keyspaceEvents?: boolean;
  /** How long to wait for the server at start before giving up. */
  connectTimeoutMs?: number;
  /**
   * Glob patterns of the keys that hold values derived from the database. They are deleted each
   * time the store connects, before it reads or deletes anything: a Redis restarted from a
   * snapshot, or one this client could not reach while the database changed, may hold older values.
   */
  derivedKeys?: readonly string[];
}

/** host:port of a Redis URL, never its credentials. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
      return 'a REDIS_URL that is not redis://';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '6379'}`;
  } catch {
    return 'an invalid REDIS_URL';
  }
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

/** Deletes the keys matching any pattern in ARGV, in one step no other client's command interleaves. */
const DELETE_MATCHING = `
local deleted = {}
for _, pattern in ipairs(ARGV) do
  for _, key in ipairs(redis.call('KEYS', pattern)) do
    if redis.call('DEL', key) == 1 then table.insert(deleted, key) end
  end
end
return deleted`;

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
 *
 * Redis is a cache, so losing it is a state: every failure is an UNAVAILABLE AppError in one
 * sentence, the client reconnects forever, and what Redis holds is not trusted again until the
 * derived keys are deleted on the new connections (pub/sub messages may have been missed, and the
 * server may have reloaded an old snapshot). Until then reads and deletes fail instead of being
 * answered from the old values, and SETs fail so that no load started before is written back.
 */
export class RedisStore implements CacheStore {
  private readonly listeners = new Set<(event: CacheEvent) => void>();
  private readonly availabilityListeners = new Set<() => void>();
  private readonly origin = randomUUID();
  private trusted = false;
  /** Counts lost connections: a cleanup that saw one meanwhile does not restore trust. */
  private losses = 0;
  private since: number | null = null;
  private cleanup: Promise<void> | null = null;
  private closing = false;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly address: string,
    private readonly derivedKeys: readonly string[],
    private readonly keyspaceEvents: boolean,
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

  /**
   * Once both connections are open and subscribed: follows them from then on, and deletes the
   * derived keys a first time (its failure is the store's failure to start).
   */
  async start(): Promise<void> {
    const { redis, subscriber } = this;
    for (const connection of [redis, subscriber]) {
      connection.on('close', () => this.lost());
      connection.on('ready', () => {
        // On failure, a read or the next 'ready' tries again.
        if (redis.status === 'ready' && subscriber.status === 'ready') void this.trust().catch(() => {});
      });
    }
    await this.trust();
  }

  unreachableSince(): number | null {
    return this.since;
  }

  onAvailabilityChange(listener: () => void): () => void {
    this.availabilityListeners.add(listener);
    return () => {
      this.availabilityListeners.delete(listener);
    };
  }

  async get(key: string, reject?: (value: string) => string | null): Promise<string | null> {
    // Only when needed: an await would let a later SET overtake this GET.
    if (!this.trusted) await this.trust();
    const start = performance.now();
    const value = await this.run(this.redis.get(key));
    const duration = performance.now() - start;
    const why = value === null ? null : (reject?.(value) ?? null);
    const note = why ?? undefined;
    this.emit({ type: value === null || why !== null ? 'MISS' : 'HIT', key, duration, note });
    return why === null ? value : null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    if (!this.trusted) throw this.unavailable();
    const start = performance.now();
    await this.run(this.redis.set(key, value, 'EX', ttlSeconds));
    this.emit({ type: 'SET', key, duration: performance.now() - start });
  }

  /** One DEL per key in a pipeline, so DELETE is emitted exactly for the keys that existed. */
  async del(keys: string[], note?: string): Promise<string[]> {
    if (keys.length === 0) return [];
    if (!this.trusted) await this.trust();
    const start = performance.now();
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.del(key);
    const results = (await this.run(pipeline.exec())) ?? [];
    const duration = performance.now() - start;
    const removed = keys.filter((_, i) => {
      const [error, count] = results[i] ?? [null, 0];
      if (error) throw this.failure(error);
      return count === 1;
    });
    for (const key of removed) this.emit({ type: 'DELETE', key, duration, note });
    await this.announce({ origin: this.origin, keys });
    return removed;
  }

  async flushAll(note?: string): Promise<void> {
    const start = performance.now();
    await this.run(this.redis.flushall());
    this.emit({ type: 'FLUSHALL', key: null, duration: performance.now() - start, note });
    await this.announce({ origin: this.origin, keys: null });
  }

  pttl(key: string): Promise<number> {
    return this.run(this.redis.pttl(key));
  }

  keys(pattern: string): Promise<string[]> {
    return this.run(this.redis.keys(pattern));
  }

  async stats(): Promise<CacheStoreStats> {
    const info = await this.run(this.redis.info());
    const number = (name: string) => Number(infoField(info, name) || 0);
    return {
      keyspace_hits: number('keyspace_hits'),
      keyspace_misses: number('keyspace_misses'),
      expired_keys: number('expired_keys'),
      evicted_keys: number('evicted_keys'),
      used_memory: number('used_memory'),
      used_memory_startup: number('used_memory_startup'),
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
    this.closing = true;
    // QUIT needs an answering server; without one, closing the socket is all there is to do.
    const end = (connection: Redis) =>
      connection.status === 'ready'
        ? connection.quit().then(
            () => {},
            () => connection.disconnect(),
          )
        : connection.disconnect();
    await Promise.all([end(this.redis), end(this.subscriber)]);
  }

  private lost(): void {
    if (this.closing) return;
    this.losses++;
    this.trusted = false;
    if (this.since !== null) return;
    this.since = Date.now();
    this.availabilityChanged();
  }

  /** Resolves once the derived keys are gone on the current connections; else UNAVAILABLE. */
  private async trust(): Promise<void> {
    if (this.trusted) return;
    this.cleanup ??= this.deleteDerivedKeys().finally(() => (this.cleanup = null));
    await this.cleanup;
    if (!this.trusted) throw this.unavailable();
  }

  private async deleteDerivedKeys(): Promise<void> {
    const losses = this.losses;
    // The reply comes after that of the SUBSCRIBE ioredis sends again on a new connection, so no
    // invalidation published after the keys are deleted is missed.
    await this.run(this.subscriber.ping(), this.subscriber);
    if (this.keyspaceEvents) await enableKeyspaceEvents(this.redis);
    const deleted =
      this.derivedKeys.length === 0
        ? []
        : ((await this.run(this.redis.eval(DELETE_MATCHING, 0, ...this.derivedKeys))) as string[]);
    if (losses !== this.losses) return;
    this.trusted = true;
    const note = 'reconnected: may be older than the database';
    for (const key of deleted) this.emit({ type: 'DELETE', key, duration: 0, note });
    if (this.since === null) return;
    this.since = null;
    this.availabilityChanged();
  }

  private async run<T>(command: Promise<T>, connection = this.redis): Promise<T> {
    try {
      return await command;
    } catch (error) {
      throw this.failure(error, connection);
    }
  }

  /** ioredis's failures as one sentence; its own texts name options and internals, not the state. */
  private failure(error: unknown, connection = this.redis): AppError {
    if (error instanceof Error && error.name === 'ReplyError') {
      const code = /^[A-Z]+/.exec(error.message)?.[0] ?? 'ERR';
      return new AppError('UNAVAILABLE', `Redis at ${this.address} refused the command (${code})`);
    }
    // A server that leaves a command unanswered is lost until it answers a new connection. The
    // socket is destroyed, not ended: ending waits for a peer that does not answer.
    if (error instanceof Error && error.message === 'Command timed out') {
      this.lost();
      connection.stream.destroy();
    }
    return this.unavailable();
  }

  private unavailable(): AppError {
    return new AppError(
      'UNAVAILABLE',
      `Redis at ${this.address} cannot be reached now; the app reconnects by itself`,
    );
  }

  private availabilityChanged(): void {
    for (const listener of this.availabilityListeners) listener();
  }

  private async announce(invalidation: Invalidation): Promise<void> {
    await this.run(this.redis.publish(INVALIDATIONS_CHANNEL, JSON.stringify(invalidation)));
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

/** Adds the `Exe` flags to notify-keyspace-events; a restarted server has lost them. */
async function enableKeyspaceEvents(redis: Redis): Promise<void> {
  try {
    const [, current = ''] = (await redis.config('GET', 'notify-keyspace-events')) as string[];
    const flags = new Set([...current, 'E', 'x', 'e']);
    await redis.config('SET', 'notify-keyspace-events', [...flags].join(''));
  } catch {
    // CONFIG refused (managed Redis): the store works, without EXPIRED/EVICTED events.
  }
}

/**
 * Connects to `url` (redis://[user:password@]host:port/db) and resolves once the server answers
 * and the derived keys are deleted; rejects (and stops retrying) when that fails at start. Once
 * started, the store reconnects after any loss, however long, waiting at most
 * `maxReconnectDelayMs` between attempts.
 */
export async function createRedisStore(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
  const firstDelay = options.reconnectDelayMs ?? 100;
  const maxDelay = options.maxReconnectDelayMs ?? 2000;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 3000,
    retryStrategy: (attempt) => Math.min(firstDelay * 2 ** (attempt - 1), maxDelay),
    // A command fails at once while the connection is down (the caller reads the database
    // instead), and one in flight when it drops is not sent again to a server that may have
    // restarted from a snapshot: it would bypass the deletion of the derived keys.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs ?? 2000,
  });
  // Connection errors surface through connect() and commands; without a listener ioredis would
  // print each retry's error. The socket's own error says more than connect()'s "Connection is closed".
  let socketError: Error | undefined;
  redis.on('error', (error: Error) => (socketError = error));
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {});
  const keyspaceEvents = options.keyspaceEvents !== false;
  const store = new RedisStore(
    redis,
    subscriber,
    redisAddress(url),
    options.derivedKeys ?? [],
    keyspaceEvents,
  );
  try {
    await redis.connect();
    await subscriber.connect();
    const db = (redis.options.db ?? 0).toString();
    const events = keyspaceEvents ? [`__keyevent@${db}__:expired`, `__keyevent@${db}__:evicted`] : [];
    await subscriber.subscribe(INVALIDATIONS_CHANNEL, ...events);
    await store.start();
  } catch (error) {
    redis.disconnect();
    subscriber.disconnect();
    throw socketError ?? error;
  }
  return store;
}
