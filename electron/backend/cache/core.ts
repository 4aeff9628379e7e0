import type { CacheEvent, CacheEventType } from '../../../shared/domain';
import { CoarseClock, type Clock } from './clock';
import { encodeBytes } from './bytes';
import { globMatch } from './glob';
import type { EvictionPolicy } from './policy';
import type { CacheStoreStats } from './store';

/**
 * Memory estimate per key: the Map slot, the Entry object and both strings counted at one byte per
 * UTF-16 unit. It is an estimate for bounding the cache, not a measurement of the V8 heap.
 */
const ENTRY_OVERHEAD = 96;
/**
 * A fresh redis-server reports ~0.9 MB of used_memory before holding any key, and maxmemory is
 * compared against that total. Counting a similar fixed overhead keeps small maxmemory settings
 * meaning what they mean in Redis (e.g. `maxmemory 1` refuses every write under noeviction).
 */
export const STARTUP_MEMORY = 876_000;
const EXPIRE_SAMPLES_PER_LOOP = 20;
const EXPIRE_MAX_LOOPS = 16;

export class Entry {
  /** Epoch ms; 0 means no expiry (a stored expiry is always > 0). */
  expiresAt = 0;
  /** The exact expiry when it exceeds 2^53 ms and `expiresAt` holds only its rounded value. */
  expiresAtExact: bigint | null = null;
  /** Access order for LRU: a counter, not a time, so ties are impossible. */
  lru = 0;
  /** Access count, the LFU signal. */
  freq = 0;
  /** Position in the keyspace's `all` array, for O(1) random sampling and removal. */
  index = -1;
  /** Position in the `volatile` array, -1 without expiry. */
  vindex = -1;
  constructor(
    readonly key: string,
    public value: string,
    /** Insertion order, which is also Map iteration order; SCAN cursors are built on it. */
    readonly seq: number,
  ) {}
}

export interface KeyspaceOptions {
  clock?: Clock;
  /** Bytes; 0 means no limit (the Redis default). */
  maxmemory?: number;
  maxmemoryPolicy?: EvictionPolicy;
  maxmemorySamples?: number;
  /** Period of the active expire sweep in ms (default 100, Redis's hz 10); 0 disables the timer. */
  activeExpireIntervalMs?: number;
  /** Uniform [0, 1) source for eviction and expiry sampling. */
  random?: () => number;
}

export interface KeyspaceStats extends CacheStoreStats {
  maxmemory_policy: EvictionPolicy;
  keys: number;
  expires: number;
}

/** Redis's refusal of a write that maxmemory cannot make room for; cache-cli replies with it too. */
export const OOM_MESSAGE = "OOM command not allowed when used memory > 'maxmemory'.";

export class OutOfMemoryError extends Error {
  constructor() {
    super(OOM_MESSAGE);
    this.name = 'OutOfMemoryError';
  }
}

export interface ScanResult {
  cursor: number;
  keys: string[];
}

export type CacheListener = (event: CacheEvent) => void;

/**
 * The keyspace's state and the primitives every command is built from, plus the typed API the
 * configuration service uses. cache-cli's command dispatcher (electron/cache-cli/commands.ts) drives
 * the same primitives, so both doors share expiry, eviction, statistics and events. Nothing here
 * imports the command layer: the app's embedded store carries none of it.
 */
export class KeyspaceCore {
  readonly clock: Clock;
  maxmemory: number;
  maxmemoryPolicy: EvictionPolicy;
  maxmemorySamples: number;
  /** Cleared by DEBUG SET-ACTIVE-EXPIRE 0, as in Redis. */
  activeExpireEnabled = true;
  readonly startedAt: number;

  hits = 0;
  misses = 0;
  expired = 0;
  evicted = 0;

  private readonly map = new Map<string, Entry>();
  private readonly all: Entry[] = [];
  private readonly volatile: Entry[] = [];
  private readonly listeners = new Set<CacheListener>();
  private readonly random: () => number;
  private readonly timer: ReturnType<typeof setInterval> | null;
  private dataBytes = 0;
  private tick = 0;
  private seq = 0;
  private opStart = 0;

  constructor(options: KeyspaceOptions = {}) {
    this.clock = options.clock ?? new CoarseClock();
    this.maxmemory = options.maxmemory ?? 0;
    this.maxmemoryPolicy = options.maxmemoryPolicy ?? 'noeviction';
    this.maxmemorySamples = options.maxmemorySamples ?? 5;
    this.random = options.random ?? Math.random;
    this.startedAt = this.clock.now();
    const interval = options.activeExpireIntervalMs ?? 100;
    this.timer = interval > 0 ? setInterval(() => this.activeExpireCycle(), interval) : null;
    // The sweep must never keep a CLI or a test process alive.
    this.timer?.unref();
  }

  // ---- typed API -------------------------------------------------------------------------------

  /**
   * GET: counts a hit or a miss and emits HIT or MISS. A value `reject` gives a reason for is
   * emitted as a MISS with that note and read as null (the counters still count the hit, as Redis's
   * would); its duration is the lookup's alone.
   */
  get(key: string, reject?: (value: string) => string | null): string | null {
    if (this.listeners.size === 0) {
      const entry = this.lookupRead(key);
      return entry === undefined || (reject?.(entry.value) ?? null) !== null ? null : entry.value;
    }
    this.opStart = performance.now();
    const entry = this.lookupRead(key);
    const duration = performance.now() - this.opStart;
    const why = entry === undefined ? null : (reject?.(entry.value) ?? null);
    this.emit(entry === undefined || why !== null ? 'MISS' : 'HIT', key, why ?? undefined, duration);
    return entry === undefined || why !== null ? null : entry.value;
  }

  /** SET key value [PX ttlMs]: clears any previous TTL, like SET without KEEPTTL. */
  set(key: string, value: string, ttlMs?: number): void {
    if (this.listeners.size !== 0) this.opStart = performance.now();
    if (ttlMs !== undefined && !(ttlMs > 0 && Number.isSafeInteger(ttlMs))) {
      throw new RangeError(`invalid expire time: ${ttlMs}`);
    }
    if (!this.makeRoom()) throw new OutOfMemoryError();
    const now = ttlMs === undefined ? 0 : this.clock.now();
    const entry = this.store(key, value, false);
    if (ttlMs !== undefined) this.setExpiry(entry, now + ttlMs, null);
    if (this.listeners.size !== 0) this.emit('SET', key);
  }

  /** DEL: the number of keys removed; expired keys count as expired, not deleted (as in Redis). */
  del(keys: readonly string[]): number {
    if (this.listeners.size !== 0) this.opStart = performance.now();
    let removed = 0;
    for (const key of keys) if (this.deleteKey(key)) removed++;
    return removed;
  }

  exists(key: string): boolean {
    return this.lookupRead(key, false) !== undefined;
  }

  /** PEXPIRE key ttlMs; a non-positive TTL deletes the key. */
  expire(key: string, ttlMs: number): boolean {
    if (this.listeners.size !== 0) this.opStart = performance.now();
    const entry = this.lookupWrite(key);
    if (entry === undefined) return false;
    const when = this.clock.now() + ttlMs;
    if (ttlMs <= 0) this.removeEntry(entry, 'DELETE');
    else this.setExpiry(entry, when, null);
    return true;
  }

  persist(key: string): boolean {
    const entry = this.lookupWrite(key);
    if (entry === undefined || entry.expiresAt === 0) return false;
    this.clearExpiry(entry);
    return true;
  }

  /** PTTL semantics: -2 missing, -1 no expiry, else remaining ms. Counts a hit/miss like PTTL. */
  pttl(key: string): number {
    const entry = this.lookupRead(key, false);
    if (entry === undefined) return -2;
    if (entry.expiresAt === 0) return -1;
    return Math.max(0, entry.expiresAt - this.clock.now());
  }

  /** KEYS pattern: live keys matching a Redis glob, in insertion order. */
  keys(pattern = '*'): string[] {
    const now = this.clock.now();
    const out: string[] = [];
    const all = pattern === '*';
    const bytes = all ? null : encodeBytes(pattern);
    for (const entry of this.map.values()) {
      if (entry.expiresAt !== 0 && entry.expiresAt <= now) continue;
      if (bytes === null || globMatch(bytes, encodeBytes(entry.key))) out.push(entry.key);
    }
    return out;
  }

  /** DBSIZE; expired keys still in memory are swept first unless active expiry is switched off. */
  dbsize(): number {
    if (this.activeExpireEnabled) this.purgeExpired();
    return this.map.size;
  }

  flushAll(): void {
    if (this.listeners.size !== 0) this.opStart = performance.now();
    this.map.clear();
    this.all.length = 0;
    this.volatile.length = 0;
    this.dataBytes = 0;
    if (this.listeners.size !== 0) this.emit('FLUSHALL', null);
  }

  stats(): KeyspaceStats {
    return {
      keyspace_hits: this.hits,
      keyspace_misses: this.misses,
      expired_keys: this.expired,
      evicted_keys: this.evicted,
      used_memory: this.usedMemory(),
      used_memory_startup: STARTUP_MEMORY,
      maxmemory: this.maxmemory,
      maxmemory_policy: this.maxmemoryPolicy,
      keys: this.map.size,
      expires: this.volatile.length,
    };
  }

  resetStats(): void {
    this.hits = 0;
    this.misses = 0;
    this.expired = 0;
    this.evicted = 0;
  }

  /** Changes the memory limit or policy; a lower limit evicts at once where the policy allows. */
  configure(options: { maxmemory?: number; maxmemoryPolicy?: EvictionPolicy }): void {
    if (options.maxmemoryPolicy !== undefined) this.maxmemoryPolicy = options.maxmemoryPolicy;
    if (options.maxmemory !== undefined) {
      this.maxmemory = options.maxmemory;
      this.makeRoom();
    }
  }

  onEvent(listener: CacheListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
  }

  usedMemory(): number {
    return STARTUP_MEMORY + this.dataBytes;
  }

  // ---- primitives for the command layer --------------------------------------------------------

  /** Marks the start of a command: fresh time, and a start for the duration of its events. */
  beginOp(): void {
    this.clock.refresh?.();
    if (this.listeners.size !== 0) this.opStart = performance.now();
  }

  /**
   * Lookup that counts keyspace hits/misses (Redis lookupKeyRead); expired keys are removed.
   * `touch` false is Redis's LOOKUP_NOTOUCH (EXISTS, TYPE, TTL): no LRU/LFU update.
   */
  lookupRead(key: string, touch = true): Entry | undefined {
    const entry = this.map.get(key);
    if (entry !== undefined && (entry.expiresAt === 0 || entry.expiresAt > this.clock.now())) {
      if (touch) {
        entry.lru = ++this.tick;
        entry.freq++;
      }
      this.hits++;
      return entry;
    }
    if (entry !== undefined) this.expireEntry(entry);
    this.misses++;
    return undefined;
  }

  /** lookupRead for value reads (GET family): also emits HIT or MISS. */
  readValue(key: string): Entry | undefined {
    const entry = this.lookupRead(key);
    if (this.listeners.size !== 0) this.emit(entry === undefined ? 'MISS' : 'HIT', key);
    return entry;
  }

  /** Lookup for writes (Redis lookupKeyWrite): no statistics, expired keys are removed. */
  lookupWrite(key: string): Entry | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== 0 && entry.expiresAt <= this.clock.now()) {
      this.expireEntry(entry);
      return undefined;
    }
    entry.lru = ++this.tick;
    return entry;
  }

  /** Stores a value (creating the key if needed); the TTL is kept only when asked (KEEPTTL, INCR...). */
  store(key: string, value: string, keepTtl: boolean): Entry {
    let entry = this.lookupWrite(key);
    if (entry === undefined) {
      entry = new Entry(key, value, ++this.seq);
      entry.index = this.all.length;
      this.all.push(entry);
      this.map.set(key, entry);
      this.dataBytes += ENTRY_OVERHEAD + key.length + value.length;
    } else {
      this.dataBytes += value.length - entry.value.length;
      entry.value = value;
      if (!keepTtl && entry.expiresAt !== 0) this.clearExpiry(entry);
    }
    entry.lru = ++this.tick;
    return entry;
  }

  /** Sets an absolute expiry in ms; `exact` carries it when beyond 2^53. */
  setExpiry(entry: Entry, when: number, exact: bigint | null): void {
    if (entry.vindex === -1) {
      entry.vindex = this.volatile.length;
      this.volatile.push(entry);
    }
    entry.expiresAt = when;
    entry.expiresAtExact = exact;
  }

  clearExpiry(entry: Entry): void {
    if (entry.vindex !== -1) {
      swapRemove(this.volatile, entry.vindex, setVindex);
      entry.vindex = -1;
    }
    entry.expiresAt = 0;
    entry.expiresAtExact = null;
  }

  /** The expiry as Redis holds it (an exact int64), or -1n. */
  expiryOf(entry: Entry): bigint {
    if (entry.expiresAt === 0) return -1n;
    return entry.expiresAtExact ?? BigInt(entry.expiresAt);
  }

  /** DEL of one key; an expired key is expired (counted as such) and reported as not deleted. */
  deleteKey(key: string): boolean {
    const entry = this.lookupWrite(key);
    if (entry === undefined) return false;
    this.removeEntry(entry, 'DELETE');
    return true;
  }

  /** Removes an entry and reports it: DELETE for commands, EXPIRED or EVICTED for the keyspace. */
  removeEntry(entry: Entry, reason: 'DELETE' | 'EXPIRED' | 'EVICTED'): void {
    this.map.delete(entry.key);
    swapRemove(this.all, entry.index, setIndex);
    if (entry.vindex !== -1) swapRemove(this.volatile, entry.vindex, setVindex);
    entry.index = -1;
    entry.vindex = -1;
    this.dataBytes -= ENTRY_OVERHEAD + entry.key.length + entry.value.length;
    if (this.listeners.size !== 0) this.emit(reason, entry.key);
  }

  /**
   * One SCAN step. Cursors are insertion sequence numbers, so keys present for the whole
   * iteration are returned exactly once even when others are added or deleted meanwhile.
   * `count` bounds the keys examined (before MATCH filtering), as in Redis.
   */
  scan(cursor: number, count: number, pattern: Uint8Array | null, stringsOnly: boolean): ScanResult {
    const now = this.clock.now();
    const keys: string[] = [];
    let examined = 0;
    let next = 0;
    for (const entry of this.map.values()) {
      if (entry.seq < cursor) continue;
      if (examined === count) {
        next = entry.seq;
        break;
      }
      examined++;
      if (entry.expiresAt !== 0 && entry.expiresAt <= now) {
        this.expireEntry(entry);
        continue;
      }
      if (!stringsOnly) continue;
      if (pattern === null || globMatch(pattern, encodeBytes(entry.key))) keys.push(entry.key);
    }
    return { cursor: next, keys };
  }

  /** Redis's active expire cycle: sample keys with a TTL, stop once few of them are stale. */
  activeExpireCycle(): number {
    if (!this.activeExpireEnabled) return 0;
    const now = this.clock.now();
    let removed = 0;
    for (let loop = 0; loop < EXPIRE_MAX_LOOPS && this.volatile.length > 0; loop++) {
      const samples = Math.min(EXPIRE_SAMPLES_PER_LOOP, this.volatile.length);
      let stale = 0;
      for (let i = 0; i < samples && this.volatile.length > 0; i++) {
        const entry = this.volatile[Math.floor(this.random() * this.volatile.length)] as Entry;
        if (entry.expiresAt <= now) {
          this.expireEntry(entry);
          stale++;
        }
      }
      removed += stale;
      if (stale * 4 < samples) break;
    }
    return removed;
  }

  /** Removes every expired key, as a completed active expire cycle would. */
  purgeExpired(): number {
    const now = this.clock.now();
    let removed = 0;
    for (let i = this.volatile.length - 1; i >= 0; i--) {
      const entry = this.volatile[i];
      if (entry !== undefined && entry.expiresAt <= now) {
        this.expireEntry(entry);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Redis performEvictions: before a command, free memory down to maxmemory. Returns false when
   * the limit cannot be met (noeviction, or no candidate under a volatile-* policy).
   */
  makeRoom(): boolean {
    if (this.maxmemory === 0) return true;
    while (this.usedMemory() > this.maxmemory) {
      const victim = this.pickVictim();
      if (victim === undefined) return false;
      this.removeEntry(victim, 'EVICTED');
      this.evicted++;
    }
    return true;
  }

  /** Number of keys with an expiry (INFO keyspace `expires`). */
  volatileCount(): number {
    return this.volatile.length;
  }

  /** Mean remaining TTL of keys with an expiry (INFO keyspace `avg_ttl`). */
  averageTtl(): number {
    if (this.volatile.length === 0) return 0;
    const now = this.clock.now();
    let sum = 0;
    for (const entry of this.volatile) sum += Math.max(0, entry.expiresAt - now);
    return Math.round(sum / this.volatile.length);
  }

  /** Changes a key's name keeping value and expiry (RENAME); `to` is overwritten. */
  rename(entry: Entry, to: string): void {
    const existing = this.lookupWrite(to);
    if (existing !== undefined) this.removeEntry(existing, 'DELETE');
    const expiry = entry.expiresAt;
    const exact = entry.expiresAtExact;
    this.removeEntry(entry, 'DELETE');
    const moved = this.store(to, entry.value, false);
    if (expiry !== 0) this.setExpiry(moved, expiry, exact);
    if (this.listeners.size !== 0) this.emit('SET', to);
  }

  emitSet(key: string): void {
    if (this.listeners.size !== 0) this.emit('SET', key);
  }

  // ---- internals -------------------------------------------------------------------------------

  private expireEntry(entry: Entry): void {
    this.removeEntry(entry, 'EXPIRED');
    this.expired++;
  }

  private pickVictim(): Entry | undefined {
    const policy = this.maxmemoryPolicy;
    if (policy === 'noeviction') return undefined;
    const pool = policy.startsWith('allkeys') ? this.all : this.volatile;
    if (pool.length === 0) return undefined;
    if (policy.endsWith('random')) return pool[Math.floor(this.random() * pool.length)];
    // Sampling as Redis does: exact for small keyspaces, approximate for large ones.
    let best: Entry | undefined;
    const samples = Math.min(this.maxmemorySamples, pool.length);
    const exhaustive = samples === pool.length;
    for (let i = 0; i < samples; i++) {
      const candidate = exhaustive ? pool[i] : pool[Math.floor(this.random() * pool.length)];
      if (candidate === undefined) continue;
      if (best === undefined || evictsBefore(policy, candidate, best)) best = candidate;
    }
    return best;
  }

  private emit(
    type: CacheEventType,
    key: string | null,
    note?: string,
    duration_ms = performance.now() - this.opStart,
  ): void {
    const event: CacheEvent = { type, key, at: this.clock.now(), duration_ms };
    if (note !== undefined) event.note = note;
    for (const listener of this.listeners) listener(event);
  }
}

function evictsBefore(policy: EvictionPolicy, a: Entry, b: Entry): boolean {
  if (policy === 'volatile-ttl') return a.expiresAt < b.expiresAt;
  if (policy.endsWith('lfu') && a.freq !== b.freq) return a.freq < b.freq;
  return a.lru < b.lru;
}

function setIndex(entry: Entry, index: number): void {
  entry.index = index;
}

function setVindex(entry: Entry, index: number): void {
  entry.vindex = index;
}

function swapRemove(list: Entry[], index: number, setPosition: (entry: Entry, index: number) => void): void {
  const last = list.pop();
  if (last !== undefined && index < list.length) {
    list[index] = last;
    setPosition(last, index);
  }
}
