import { LRUCache } from 'lru-cache';
import { KeyspaceCore } from '../electron/backend/cache/core';
import { alternatingOpsPerSecond, sink } from './stats';

export interface CacheBench {
  get: { app: number; anchor: number };
  set: { app: number; anchor: number };
}

const KEYS = 1_024;
const TTL_MS = 3_600_000;

/**
 * The embedded keyspace's typed get/set against lru-cache's, on the same keys and values, with a TTL
 * on every entry in both (the config service always sets one). Rates are operations per second.
 */
export function benchCache(value: string, quick: boolean): CacheBench {
  const keys = Array.from({ length: KEYS }, (_, i) => `sector:pe_bench_${i}`);
  const keyspace = new KeyspaceCore();
  const lru = new LRUCache<string, string>({ max: KEYS * 2, ttl: TTL_MS });
  for (const key of keys) {
    keyspace.set(key, value, TTL_MS);
    lru.set(key, value, { ttl: TTL_MS });
  }
  const options = quick
    ? { ops: 20_000, rounds: 3, warmupRounds: 1 }
    : { ops: 1_000_000, rounds: 15, warmupRounds: 5 };

  // One loop function per cache keeps each call site monomorphic, as it is in the app.
  const get = alternatingOpsPerSecond(
    (ops) => {
      let n = 0;
      for (let i = 0; i < ops; i++) n += keyspace.get(keys[i & (KEYS - 1)] as string)?.length ?? 0;
      sink.value += n;
    },
    (ops) => {
      let n = 0;
      for (let i = 0; i < ops; i++) n += lru.get(keys[i & (KEYS - 1)] as string)?.length ?? 0;
      sink.value += n;
    },
    options,
  );
  const set = alternatingOpsPerSecond(
    (ops) => {
      for (let i = 0; i < ops; i++) keyspace.set(keys[i & (KEYS - 1)] as string, value, TTL_MS);
    },
    (ops) => {
      for (let i = 0; i < ops; i++) lru.set(keys[i & (KEYS - 1)] as string, value, { ttl: TTL_MS });
    },
    options,
  );
  keyspace.close();
  return { get, set };
}
