import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheLogEntry } from '../../shared/domain';
import { tempDir } from '../../db/test/helpers';
import { createBackend, type Backend } from '.';
import { ok } from './test/results';

let dir: { dir: string; cleanup: () => void };
let backend: Backend;

beforeEach(async () => {
  dir = tempDir();
  backend = await createBackend({ dbFile: join(dir.dir, 'studio.db') });
  await ok(backend.invoke('schema:init', {}));
  await ok(backend.invoke('seed:sectorsDimensions', {}));
  await ok(backend.invoke('seed:weightsCalibrations', {}));
});
afterEach(async () => {
  await backend.close();
  dir.cleanup();
});

describe('what the Cache section shows', () => {
  it('a MISS carries the time of the whole fetch it started, sent again under its own number', async () => {
    const seen: CacheLogEntry[] = [];
    backend.subscribe('cache:log', (entry) => seen.push(entry));
    await ok(backend.invoke('cache:setSimulatedLatency', { simulated_latency_ms: 50 }));
    const miss = await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_healthcare' }));
    const hit = await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_healthcare' }));
    expect([miss.source, hit.source]).toEqual(['database', 'cache']);

    const misses = seen.filter((entry) => entry.type === 'MISS');
    expect(misses).toHaveLength(2);
    expect(misses[0]!.seq).toBe(misses[1]!.seq);
    expect(misses[0]!.fetch_ms).toBeUndefined();
    expect(misses[1]!.fetch_ms).toBe(miss.duration_ms);
    // The lookup alone is the GET; the fetch includes the 50 ms load.
    expect(misses[1]!.duration_ms).toBeLessThan(50);
    expect(misses[1]!.fetch_ms).toBeGreaterThanOrEqual(50);
    const log = await ok(backend.invoke('cache:log', {}));
    expect(log.find((entry) => entry.type === 'MISS')?.fetch_ms).toBe(miss.duration_ms);
    expect(log.find((entry) => entry.type === 'HIT')?.fetch_ms).toBeUndefined();
  });

  it('the statistics start again from zero, and the memory figure says what is there before any key', async () => {
    await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    const before = await ok(backend.invoke('cache:stats', {}));
    expect([before.hits, before.misses]).toEqual([1, 1]);
    expect(before.used_memory_startup).toBeGreaterThan(800_000);
    expect(before.used_memory - before.used_memory_startup).toBeGreaterThan(0);

    const reset = await ok(backend.invoke('cache:resetStats', {}));
    expect([reset.hits, reset.misses, reset.hit_rate]).toEqual([0, 0, 0]);
    // The cache itself and its log are left as they were.
    expect(reset.keys.map((k) => k.key)).toEqual(['sector:pe_energy']);
    expect((await ok(backend.invoke('cache:log', {}))).length).toBeGreaterThan(0);
    await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    expect((await ok(backend.invoke('cache:stats', {}))).hits).toBe(1);
  });
});
