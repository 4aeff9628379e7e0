import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CacheEvent } from '../../../shared/domain';
import { ManualClock } from './clock';
import { KeyspaceCore, OutOfMemoryError, STARTUP_MEMORY, type KeyspaceOptions } from './core';

const open: KeyspaceCore[] = [];
function keyspace(options: KeyspaceOptions = {}): { ks: KeyspaceCore; clock: ManualClock } {
  const clock = new ManualClock();
  const ks = new KeyspaceCore({ clock, activeExpireIntervalMs: 0, ...options });
  open.push(ks);
  return { ks, clock };
}
afterEach(() => {
  for (const ks of open.splice(0)) ks.close();
  vi.restoreAllMocks();
});

describe('typed API', () => {
  it('gets, sets with TTL, deletes and reports PTTL like Redis', () => {
    const { ks, clock } = keyspace();
    expect(ks.get('a')).toBeNull();
    ks.set('a', '{"x":1}', 5000);
    expect(ks.get('a')).toBe('{"x":1}');
    expect(ks.pttl('a')).toBe(5000);
    expect(ks.pttl('missing')).toBe(-2);
    ks.set('b', 'v');
    expect(ks.pttl('b')).toBe(-1);
    clock.advance(4999);
    expect(ks.get('a')).toBe('{"x":1}');
    clock.advance(1);
    expect(ks.get('a')).toBeNull();
    expect(ks.del(['b', 'b', 'missing'])).toBe(1);
    expect(ks.dbsize()).toBe(0);
  });

  it('rejects invalid TTLs instead of storing a key that never expires', () => {
    const { ks } = keyspace();
    expect(() => ks.set('a', 'v', 0)).toThrow(RangeError);
    expect(() => ks.set('a', 'v', Number.NaN)).toThrow(RangeError);
    expect(ks.exists('a')).toBe(false);
  });

  it('matches keys with Redis globs and hides expired ones', () => {
    const { ks, clock } = keyspace();
    ks.set('sector:pe_a', '1');
    ks.set('sector:pe_b', '2', 10);
    ks.set('sectors:all', '3');
    expect(ks.keys('sector:*').sort()).toEqual(['sector:pe_a', 'sector:pe_b']);
    clock.advance(10);
    expect(ks.keys('*').sort()).toEqual(['sector:pe_a', 'sectors:all']);
    expect(ks.keys('sector[^s]*')).toEqual(['sector:pe_a']);
  });
});

describe('active expiry', () => {
  it('the sweep removes expired keys without any access', () => {
    const { ks, clock } = keyspace();
    for (let i = 0; i < 100; i++) ks.set(`t${i}`, 'v', 10);
    ks.set('keep', 'v');
    const before = ks.usedMemory();
    clock.advance(10);
    let removed = 0;
    for (let i = 0; i < 20 && removed < 100; i++) removed += ks.activeExpireCycle();
    expect(removed).toBe(100);
    expect(ks.stats()).toMatchObject({ keys: 1, expires: 0, expired_keys: 100 });
    expect(ks.usedMemory()).toBeLessThan(before);
  });

  it('runs on an unref-ed timer with the system clock', async () => {
    const ks = new KeyspaceCore({ activeExpireIntervalMs: 5 });
    open.push(ks);
    ks.set('a', 'v', 1);
    await vi.waitFor(() => expect(ks.stats().keys).toBe(0), { timeout: 2000, interval: 10 });
    expect(ks.stats().expired_keys).toBe(1);
  });
});

describe('eviction', () => {
  const limit = (keys: number) => STARTUP_MEMORY + keys * 110;

  it('allkeys-lru evicts the least recently used key', () => {
    const { ks } = keyspace({ maxmemory: limit(3), maxmemoryPolicy: 'allkeys-lru' });
    ks.set('a', 'v');
    ks.set('b', 'v');
    ks.set('c', 'v');
    ks.get('a');
    ks.configure({ maxmemory: limit(2) });
    expect(ks.keys().sort()).toEqual(['a', 'c']);
    expect(ks.stats().evicted_keys).toBe(1);
  });

  it('volatile-lru only evicts keys with a TTL and fails when there are none', () => {
    const { ks } = keyspace({ maxmemory: limit(2), maxmemoryPolicy: 'volatile-lru' });
    ks.set('p1', 'v');
    ks.set('t1', 'v', 10_000);
    ks.set('p2', 'v');
    ks.set('t2', 'v', 10_000);
    expect(ks.keys().sort()).toEqual(['p1', 'p2', 't2']);
    ks.set('p3', 'v');
    expect(ks.keys().sort()).toEqual(['p1', 'p2', 'p3']);
    expect(() => ks.set('p4', 'v')).toThrow(OutOfMemoryError);
  });

  it('volatile-ttl evicts the key closest to expiring', () => {
    const { ks } = keyspace({ maxmemory: limit(3), maxmemoryPolicy: 'volatile-ttl' });
    ks.set('late', 'v', 50_000);
    ks.set('soon', 'v', 1_000);
    ks.set('mid', 'v', 20_000);
    ks.configure({ maxmemory: limit(2) });
    expect(ks.keys().sort()).toEqual(['late', 'mid']);
  });

  it('allkeys-random evicts some key until memory fits', () => {
    const { ks } = keyspace({ maxmemory: limit(10), maxmemoryPolicy: 'allkeys-random', random: () => 0 });
    for (let i = 0; i < 10; i++) ks.set(`k${i}`, 'v');
    ks.configure({ maxmemory: limit(5) });
    expect(ks.stats().keys).toBe(5);
    expect(ks.stats().evicted_keys).toBe(5);
  });
});

describe('events', () => {
  it('emits typed events with key, time and duration', () => {
    const { ks, clock } = keyspace({ maxmemory: STARTUP_MEMORY + 250, maxmemoryPolicy: 'allkeys-lru' });
    const events: CacheEvent[] = [];
    const off = ks.onEvent((e) => events.push(e));
    ks.get('sector:x');
    ks.set('sector:x', '{}', 1000);
    ks.get('sector:x');
    ks.del(['sector:x']);
    ks.set('a', '1', 5);
    clock.advance(5);
    ks.get('a');
    ks.set('b', '1');
    ks.set('c', '1');
    ks.set('d', '1');
    ks.set('e', '1');
    ks.flushAll();
    off();
    ks.get('after');
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['MISS', 'sector:x'],
      ['SET', 'sector:x'],
      ['HIT', 'sector:x'],
      ['DELETE', 'sector:x'],
      ['SET', 'a'],
      ['EXPIRED', 'a'],
      ['MISS', 'a'],
      ['SET', 'b'],
      ['SET', 'c'],
      ['SET', 'd'],
      ['EVICTED', 'b'],
      ['SET', 'e'],
      ['FLUSHALL', null],
    ]);
    for (const e of events) {
      expect(e.at).toBeGreaterThanOrEqual(1_700_000_000_000);
      expect(e.duration_ms).toBeGreaterThanOrEqual(0);
    }
  });
});
