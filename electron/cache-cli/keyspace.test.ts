import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../backend/cache/clock';
import { OutOfMemoryError, STARTUP_MEMORY, type KeyspaceOptions } from '../backend/cache/core';
import { Keyspace } from './keyspace';
import { replyToJson } from './reply';

// The command door and where it meets the typed API; the typed API alone is tested beside the core.

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
});

describe('events', () => {
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
