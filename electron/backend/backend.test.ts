import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheLogEntry, ProgressEvent } from '../../shared/domain';
import { latestVersion } from '../../db/sqlite/migrate';
import { tempDir } from '../../db/test/helpers';
import { createBackend, type Backend } from '.';
import { ok } from './test/results';

let dir: { dir: string; cleanup: () => void };
let backend: Backend;
let file: string;

beforeEach(async () => {
  dir = tempDir();
  file = join(dir.dir, 'studio.db');
  backend = await createBackend({ dbFile: file });
});
afterEach(async () => {
  await backend.close();
  dir.cleanup();
});

async function seed() {
  await ok(backend.invoke('schema:init', {}));
  await ok(backend.invoke('seed:sectorsDimensions', {}));
  await ok(backend.invoke('seed:weightsCalibrations', {}));
}

describe('backend dispatch', () => {
  it('answers an unknown channel and a malformed payload with typed errors and changes nothing', async () => {
    await seed();
    expect(await backend.dispatch('db:drop', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel: db:drop' },
    });
    for (const payload of [
      { focus_group_id: 'pe_energy', dimension_code: 'talent', weight: 1.5, rationale: 'why' },
      { focus_group_id: 'pe_energy', dimension_code: 'talent', weight: '0.2', rationale: 'why' },
      { focus_group_id: 'pe_energy', dimension_code: 'talent', weight: 0.2, extra: true, rationale: 'why' },
      {
        focus_group_id: "pe_energy'; DROP TABLE organizations; --",
        dimension_code: 'talent',
        weight: 0.2,
        rationale: 'why',
      },
      // A lone surrogate would be stored as bytes that are not UTF-8: other SQLite tools fail on the row.
      { focus_group_id: 'pe_energy', dimension_code: 'talent', weight: 0.2, rationale: 'cut \uD800 here' },
      { focus_group_id: 'pe_energy', dimension_code: 'talent', weight: 0.2, rationale: 'nul \u0000 here' },
      'not an object',
      null,
    ]) {
      const result = await backend.dispatch('config:updateWeight', payload);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    }
    expect(
      (await ok(backend.invoke('config:get', { focus_group_id: 'pe_energy' }))).dimension_weights.talent,
    ).toBe(0.12);
  });

  it('says what to do first before the schema exists, and for an unknown sector', async () => {
    expect(await ok(backend.invoke('db:status', {}))).toMatchObject({ schema_version: 0, focus_groups: 0 });
    const early = await backend.invoke('sectors:list', {});
    expect(early).toMatchObject({ ok: false, error: { code: 'NO_SCHEMA' } });
    await ok(backend.invoke('schema:init', {}));
    expect(await backend.invoke('config:get', { focus_group_id: 'pe_energy' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SEEDED' },
    });
    await seed();
    expect(await backend.invoke('cache:fetch', { focus_group_id: 'pe_space' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Unknown sector: pe_space' },
    });
  });

  it('runs the lab: fetch with cache logs MISS, SET, then HIT; invalidation logs DELETE and FLUSHALL', async () => {
    await seed();
    const log: CacheLogEntry[] = [];
    backend.subscribe('cache:log', (entry) => log.push(entry));
    const first = await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_financial_services' }));
    expect(first.source).toBe('database');
    expect([first.config.h_r_baseline, first.config.ebitda_multiplier]).toEqual([82, 1.1]);
    expect(
      (await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_financial_services' }))).source,
    ).toBe('cache');
    await ok(backend.invoke('cache:invalidate', { focus_group_id: 'pe_financial_services' }));
    await ok(backend.invoke('cache:invalidate', { focus_group_id: null }));
    // The MISS goes out again, under its own number, once the fetch it started has its whole time.
    expect(log.map((e) => e.message)).toEqual([
      'Cache MISS for key: sector:pe_financial_services',
      'Cache SET for key: sector:pe_financial_services',
      'Cache MISS for key: sector:pe_financial_services',
      'Cache HIT for key: sector:pe_financial_services',
      'Cache DELETE for key: sector:pe_financial_services',
      'Cache FLUSHALL',
    ]);
    for (const entry of log) {
      expect(entry.at).toBeGreaterThan(0);
      expect(entry.duration_ms).toBeGreaterThanOrEqual(0);
    }
    expect(log[2]).toMatchObject({ seq: log[0]!.seq, fetch_ms: first.duration_ms });
    const history = await ok(backend.invoke('cache:log', {}));
    // Newest first, each entry once; older entries (seeding flushed the cache) follow.
    const sent = [...new Set(log.map((e) => e.seq))];
    expect(history.slice(0, sent.length).map((e) => e.seq)).toEqual(sent.reverse());
  });

  it('reports live cache stats with the keys and their remaining TTL', async () => {
    await seed();
    await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    await ok(backend.invoke('cache:stats', {}));
    const stats = await ok(backend.invoke('cache:stats', {}));
    expect(stats.keys.map((k) => k.key)).toEqual(['sector:pe_energy']);
    expect(stats.keys[0]!.ttl_ms).toBeGreaterThan(3_590_000);
    // Reading the stats (and the keys' TTLs) does not count as a lookup of the service...
    expect([stats.hits, stats.misses, stats.hit_rate]).toEqual([1, 1, 0.5]);
    // ...while the store's INFO counters count TTL reads as Redis does.
    expect(stats.keyspace_hits).toBeGreaterThan(1);
  });

  it('a weight update invalidates the cached sector after it commits', async () => {
    await seed();
    await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_retail' }));
    const updated = await ok(
      backend.invoke('config:updateWeight', {
        focus_group_id: 'pe_retail',
        dimension_code: 'culture',
        weight: 0.1,
        rationale: 'More weight on culture',
      }),
    );
    expect(updated.weights_valid).toBe(false);
    const fetched = await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_retail' }));
    expect(fetched.config.dimension_weights.culture).toBe(0.1);
  });

  it('inserts sample organizations with progress events, one run at a time', async () => {
    await seed();
    const progress: ProgressEvent[] = [];
    backend.subscribe('progress', (p) => progress.push(p));
    const running = backend.invoke('orgs:insertSample', { count: 45_000, seed: 3 });
    const second = await backend.invoke('orgs:insertSample', { count: 5 });
    expect(second).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect((await ok(running)).inserted).toBe(45_000);
    expect(progress[0]).toEqual({ task: 'orgs:insertSample', done: 0, total: 45_000, finished: false });
    expect(progress.at(-1)).toEqual({
      task: 'orgs:insertSample',
      done: 45_000,
      total: 45_000,
      finished: true,
    });
    expect(progress.length).toBeGreaterThan(3);
    const page = await ok(backend.invoke('orgs:query', { focus_group_id: 'pe_energy', limit: 5 }));
    expect(page.rows.every((r) => r.sector_name === 'Energy & Utilities' && r.plant_count === null)).toBe(
      true,
    );
  });

  it('cancels an insert, keeping nothing of a bulk insert', async () => {
    await seed();
    backend.subscribe('progress', (p) => {
      if (p.done >= 20_000 && !p.finished) void backend.invoke('orgs:cancelInsert', {});
    });
    const result = await ok(backend.invoke('orgs:insertSample', { count: 100_000, seed: 4 }));
    expect(result.cancelled).toBe(true);
    expect(result.inserted).toBe(0);
    expect((await ok(backend.invoke('db:status', {}))).organizations).toBe(result.inserted);
  });

  it('keeps what the file holds: reopening shows it seeded', async () => {
    await seed();
    await backend.close();
    backend = await createBackend({ dbFile: file });
    expect(await ok(backend.invoke('db:status', {}))).toMatchObject({
      schema_version: latestVersion(),
      focus_groups: 7,
      dimensions: 7,
      weights: 49,
      calibrations: 30,
    });
  });
});

describe('export to a file', () => {
  it('needs a way to choose the file', async () => {
    await seed();
    expect(await backend.invoke('orgs:export', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('writes where the user chose, or nothing when the dialog is dismissed', async () => {
    await backend.close();
    const target = join(dir.dir, 'out.csv');
    let answer: string | null = target;
    backend = await createBackend({ dbFile: file, chooseExportPath: async () => answer });
    await seed();
    await ok(backend.invoke('orgs:insertSample', { count: 30, seed: 1 }));
    const written = await ok(backend.invoke('orgs:export', { focus_group_id: 'pe_technology' }));
    // 30 organizations dealt round robin over 7 sectors: Technology, the fourth, gets 4.
    expect(written).toEqual({ path: target, rows: 4, cancelled: false });
    expect(readFileSync(target, 'utf8').trim().split('\n')).toHaveLength(5);
    expect(existsSync(`${target}.partial`)).toBe(false);
    answer = null;
    expect(await ok(backend.invoke('orgs:export', {}))).toEqual({ path: null, rows: 0, cancelled: true });
  });
});
