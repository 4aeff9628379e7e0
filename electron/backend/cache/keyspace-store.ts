import type { CacheEvent } from '../../../shared/domain';
import { KeyspaceCore, type KeyspaceOptions } from './core';
import type { CacheStore, CacheStoreStats } from './store';

/** The embedded CacheStore: the in-memory keyspace behind the service's async interface. */
export class KeyspaceStore implements CacheStore {
  readonly keyspace: KeyspaceCore;
  /** Set only for the duration of a synchronous DEL or FLUSHALL, whose events then carry it. */
  private note: string | undefined;

  constructor(keyspace: KeyspaceCore | KeyspaceOptions = {}) {
    this.keyspace = keyspace instanceof KeyspaceCore ? keyspace : new KeyspaceCore(keyspace);
  }

  async get(key: string, reject?: (value: string) => string | null): Promise<string | null> {
    return this.keyspace.get(key, reject);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.keyspace.set(key, value, ttlSeconds * 1000);
  }

  async del(keys: string[], note?: string): Promise<string[]> {
    this.note = note;
    try {
      return keys.filter((key) => this.keyspace.del([key]) === 1);
    } finally {
      this.note = undefined;
    }
  }

  async flushAll(note?: string): Promise<void> {
    this.note = note;
    try {
      this.keyspace.flushAll();
    } finally {
      this.note = undefined;
    }
  }

  async pttl(key: string): Promise<number> {
    return this.keyspace.pttl(key);
  }

  async keys(pattern: string): Promise<string[]> {
    return this.keyspace.keys(pattern);
  }

  async stats(): Promise<CacheStoreStats> {
    return this.keyspace.stats();
  }

  onEvent(listener: (event: CacheEvent) => void): () => void {
    return this.keyspace.onEvent((event) =>
      listener(this.note === undefined ? event : { ...event, note: this.note }),
    );
  }

  /** In this process: never unreachable. */
  unreachableSince(): null {
    return null;
  }

  onAvailabilityChange(): () => void {
    return () => {};
  }

  async close(): Promise<void> {
    this.keyspace.close();
  }
}
