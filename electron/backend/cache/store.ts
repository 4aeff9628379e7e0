import type { CacheEvent } from '../../../shared/domain';

export interface CacheStoreStats {
  keyspace_hits: number;
  keyspace_misses: number;
  expired_keys: number;
  evicted_keys: number;
  used_memory: number;
  /** What the server reported before it held any key (Redis's INFO used_memory_startup). */
  used_memory_startup: number;
  maxmemory: number;
  maxmemory_policy: string;
}

/**
 * What the sector configuration service needs from a cache. The embedded keyspace implements it
 * in memory; a team that outgrows one laptop implements it over a real Redis.
 * Every operation emits CacheEvents (HIT, MISS, SET, DELETE, FLUSHALL, EXPIRED, EVICTED) to listeners;
 * a store shared by several instances also emits the DELETE and FLUSHALL of the others (`remote`).
 * A store whose server cannot be reached fails its operations with an UNAVAILABLE AppError.
 */
export interface CacheStore {
  /**
   * GET. `reject` says why a value found is of no use to the caller (another program's value under
   * the same key), or null: such a value is a MISS carrying that reason as its note, and resolves to
   * null. The store's own statistics count it as the server does, a hit.
   */
  get(key: string, reject?: (value: string) => string | null): Promise<string | null>;
  /** SET key value EX ttlSeconds */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** DEL; resolves to the keys that existed and were removed. `note` says why, in their DELETE events. */
  del(keys: string[], note?: string): Promise<string[]>;
  flushAll(note?: string): Promise<void>;
  /** PTTL semantics: -2 missing, -1 no expiry, else remaining milliseconds. */
  pttl(key: string): Promise<number>;
  /** KEYS pattern (Redis glob). */
  keys(pattern: string): Promise<string[]>;
  stats(): Promise<CacheStoreStats>;
  onEvent(listener: (event: CacheEvent) => void): () => void;
  /** Since when (epoch ms) the server has been unreachable; null while the store answers. */
  unreachableSince(): number | null;
  /**
   * Called when unreachableSince() changes. When it becomes null the store answers again, and
   * nothing it held from before can be read: values loaded before must not be written back.
   */
  onAvailabilityChange(listener: () => void): () => void;
  close(): Promise<void>;
}
