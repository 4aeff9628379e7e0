import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CacheEvent } from '../../../shared/domain';
import { ManualClock } from './clock';
import { Keyspace, OutOfMemoryError, type KeyspaceOptions } from './keyspace';
import { STARTUP_MEMORY } from './core';
import { replyToJson } from './reply';

const open: Keyspace[] = [];
function keyspace(options: KeyspaceOptions = {}): { ks: Keyspace; clock: ManualClock } {
  const clock = new ManualClock();
  const ks = new Keyspace({ clock, activeExpireIntervalMs: 0, ...options });
  open.push(ks);
  return { ks, clock };
}
afterEach(() => {
  for (const ks of open.splice(0)) ks.close();
  vi.restoreAllMocks();
});

/** Runs commands and returns their replies as cache-cli prints them. */
function run(ks: Keyspace, ...commands: string[][]): string[] {
  return commands.map((args) => replyToJson(ks.execute(args)));
}

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

  it('counts hits, misses and expirations as INFO stats does', () => {
    const { ks, clock } = keyspace();
    ks.set('a', 'v', 100);
    ks.get('a');
    ks.get('nope');
    ks.execute(['EXISTS', 'a', 'nope']);
    ks.execute(['INCR', 'n']); // writes do not count
    clock.advance(100);
    ks.get('a');
    expect(ks.stats()).toMatchObject({
      keyspace_hits: 2,
      keyspace_misses: 3,
      expired_keys: 1,
      evicted_keys: 0,
    });
    ks.execute(['CONFIG', 'RESETSTAT']);
    expect(ks.stats()).toMatchObject({ keyspace_hits: 0, keyspace_misses: 0, expired_keys: 0 });
  });
});

describe('execute', () => {
  it('keeps TTLs across INCR, APPEND and RENAME and clears them on SET', () => {
    const { ks } = keyspace();
    expect(
      run(
        ks,
        ['SET', 'n', '1', 'EX', '100'],
        ['INCR', 'n'],
        ['APPEND', 'n', '0'],
        ['TTL', 'n'],
        ['RENAME', 'n', 'm'],
        ['TTL', 'm'],
        ['GET', 'm'],
        ['SET', 'm', 'x'],
        ['TTL', 'm'],
        ['SET', 'm', 'y', 'EX', '5'],
        ['SET', 'm', 'z', 'KEEPTTL'],
        ['TTL', 'm'],
      ),
    ).toEqual(['"OK"', '2', '2', '100', '"OK"', '100', '"20"', '"OK"', '-1', '"OK"', '"OK"', '5']);
  });

  it('replies with exact 64-bit integers and Redis error texts', () => {
    const { ks } = keyspace();
    expect(
      run(
        ks,
        ['SET', 'n', '9223372036854775806'],
        ['INCR', 'n'],
        ['INCR', 'n'],
        ['DECRBY', 'n', '-9223372036854775808'],
        ['INCRBY', 'n', '1.5'],
        ['bogus', 'x'],
        ['get'],
      ),
    ).toEqual([
      '"OK"',
      '9223372036854775807',
      '{"error":"ERR increment or decrement would overflow"}',
      '{"error":"ERR decrement would overflow"}',
      '{"error":"ERR value is not an integer or out of range"}',
      `{"error":"ERR unknown command 'bogus', with args beginning with: 'x' "}`,
      `{"error":"ERR wrong number of arguments for 'get' command"}`,
    ]);
  });

  it('DEBUG SLEEP advances the injected clock and the expired keys are gone after it', () => {
    const { ks } = keyspace();
    expect(run(ks, ['SET', 'a', 'v', 'PX', '1500'], ['DEBUG', 'SLEEP', '1.5'], ['DBSIZE'])).toEqual([
      '"OK"',
      '"OK"',
      '0',
    ]);
    expect(ks.stats().expired_keys).toBe(1);
  });

  it('a non-positive EXPIRE deletes and counts as a delete, not an expiration', () => {
    const { ks } = keyspace();
    expect(run(ks, ['SET', 'a', 'v'], ['EXPIRE', 'a', '0'], ['EXISTS', 'a'])).toEqual(['"OK"', '1', '0']);
    expect(ks.stats().expired_keys).toBe(0);
  });

  it('SCAN returns every key present throughout the iteration exactly once', () => {
    const { ks } = keyspace();
    for (let i = 0; i < 50; i++) ks.set(`k${i}`, 'v');
    const seen: string[] = [];
    let cursor = '0';
    let round = 0;
    do {
      const reply = ks.execute(['SCAN', cursor, 'COUNT', '7']);
      if (reply.type !== 'array') throw new Error('not an array');
      const [next, keys] = reply.value;
      if (next?.type !== 'bulk' || keys?.type !== 'array') throw new Error('bad reply');
      cursor = next.value;
      for (const k of keys.value) if (k.type === 'bulk') seen.push(k.value);
      // Churn during the iteration must not hide keys that stay.
      ks.del([`k${49 - round}`]);
      ks.set(`new${round}`, 'v');
      round++;
    } while (cursor !== '0');
    const stayed = Array.from({ length: 50 - round }, (_, i) => `k${i}`);
    for (const key of stayed) expect(seen.filter((k) => k === key)).toHaveLength(1);
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
    const ks = new Keyspace({ activeExpireIntervalMs: 5 });
    open.push(ks);
    ks.set('a', 'v', 1);
    await vi.waitFor(() => expect(ks.stats().keys).toBe(0), { timeout: 2000, interval: 10 });
    expect(ks.stats().expired_keys).toBe(1);
  });
});

describe('eviction', () => {
  const limit = (keys: number) => STARTUP_MEMORY + keys * 110;

  it('noeviction refuses writes with the OOM error and still serves reads and deletes', () => {
    const { ks } = keyspace({ maxmemory: limit(2) });
    ks.set('a', 'v');
    ks.set('b', 'v');
    ks.set('c', 'v'); // over the limit only after this write, as in Redis
    expect(() => ks.set('d', 'v')).toThrow(OutOfMemoryError);
    expect(run(ks, ['SET', 'd', 'v'], ['GET', 'a'], ['DEL', 'a'])).toEqual([
      `{"error":"OOM command not allowed when used memory > 'maxmemory'."}`,
      '"v"',
      '1',
    ]);
  });

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

  it('with no listener, reads and writes never take the event path', () => {
    const { ks } = keyspace();
    const now = vi.spyOn(performance, 'now');
    ks.set('a', 'v', 1000);
    ks.get('a');
    ks.get('missing');
    ks.del(['a']);
    ks.execute(['SET', 'b', 'v']);
    ks.flushAll();
    expect(now).not.toHaveBeenCalled();
    ks.onEvent(() => undefined);
    ks.get('a');
    expect(now).toHaveBeenCalled();
  });
});

describe('binary safety', () => {
  it('stores arbitrary bytes and counts them as bytes', () => {
    const { ks } = keyspace();
    expect(
      run(
        ks,
        ['SET', 'b', '\udcff\u0000'],
        ['STRLEN', 'b'],
        ['SET', 'u', 'é'],
        ['STRLEN', 'u'],
        ['SET', 's', '\udce2\udc82'],
        ['APPEND', 's', '\udcac'],
        ['GET', 's'],
      ),
    ).toEqual(['"OK"', '2', '"OK"', '2', '"OK"', '3', '"€"']);
  });
});
