import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestVersion } from '../../db/sqlite/migrate';
import { tempDir } from '../../db/test/helpers';
import type { CacheLogEntry, ProgressEvent } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { createBackend, type Backend } from '.';
import { ok } from './test/results';

let dir: { dir: string; cleanup: () => void };
let file: string;
const open: Backend[] = [];

async function instance(options: { busyTimeoutMs?: number } = {}): Promise<Backend> {
  const backend = await createBackend({ dbFile: file, changePollMs: 100, ...options });
  open.push(backend);
  return backend;
}

async function seeded(): Promise<Backend> {
  const backend = await instance();
  await ok(backend.invoke('schema:init', {}));
  await ok(backend.invoke('seed:sectorsDimensions', {}));
  await ok(backend.invoke('seed:weightsCalibrations', {}));
  return backend;
}

function cacheLog(backend: Backend): string[] {
  const lines: string[] = [];
  backend.subscribe('cache:log', (entry: CacheLogEntry) => lines.push(entry.message));
  return lines;
}

const otherProcess = 'Cache DELETE for key: sector:pe_energy (changed in another process)';

beforeEach(() => {
  dir = tempDir();
  file = join(dir.dir, 'shared.db');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((backend) => backend.close()));
  dir.cleanup();
});

describe('two instances on one file', () => {
  it("see each other's configuration edits: the other's cached sector is invalidated and logged", async () => {
    const a = await seeded();
    const b = await instance();
    const logA = cacheLog(a);
    await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    expect((await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }))).source).toBe('cache');

    await ok(
      b.invoke('config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: 0.2,
        rationale: 'test edit',
      }),
    );
    await vi.waitFor(() => expect(logA).toContain(otherProcess), { timeout: 5000, interval: 20 });
    const fetched = await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    expect(fetched.source).toBe('database');
    expect(fetched.config.dimension_weights.talent).toBe(0.2);
  });

  it('see a change a script writes in SQL by the change-set rule', async () => {
    const a = await seeded();
    const logA = cacheLog(a);
    await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    const script = new Database(file);
    script.transaction(() => {
      const changeSet = script
        .prepare(
          `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
           VALUES ('pe_energy', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'a script', 'nightly recalibration', 'edit')
           RETURNING change_set_id`,
        )
        .pluck()
        .get();
      script
        .prepare(
          `UPDATE focus_group_calibrations SET is_current = 0, effective_to = date('now')
           WHERE focus_group_id = 'pe_energy' AND parameter_name = 'h_r_baseline' AND is_current = 1`,
        )
        .run();
      script
        .prepare(
          `INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, effective_from,
             change_set_id) VALUES ('pe_energy', 'h_r_baseline', 71, date('now'), ?)`,
        )
        .run(changeSet);
    })();
    script.close();
    await vi.waitFor(() => expect(logA).toContain(otherProcess), { timeout: 5000, interval: 20 });
    expect((await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }))).config.h_r_baseline).toBe(71);
  });

  it("never mistakes an instance's own edit for another process's", async () => {
    const a = await seeded();
    const logA = cacheLog(a);
    await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    await ok(
      a.invoke('config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: 0.2,
        rationale: 'test edit',
      }),
    );
    // Several polls later, only the instance's own invalidation is in its log.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(logA).toContain('Cache DELETE for key: sector:pe_energy');
    expect(logA.filter((line) => line.includes('another process'))).toEqual([]);
  });
});

describe('writers wait their turn', () => {
  it('an edit during a long insert by another instance succeeds', async () => {
    const a = await seeded();
    const b = await instance();
    const progress: ProgressEvent[] = [];
    a.subscribe('progress', (event) => progress.push(event));
    const inserting = ok(a.invoke('orgs:insertSample', { count: 60_000, seed: 5 }));
    await vi.waitFor(() => expect(progress.some((p) => p.done > 0)).toBe(true), { timeout: 30_000 });
    const edits = await Promise.all(
      [0.1, 0.11, 0.12, 0.13, 0.14].map((weight) =>
        b.invoke('config:updateWeight', {
          focus_group_id: 'pe_retail',
          dimension_code: 'talent',
          weight,
          rationale: 'test edit',
        }),
      ),
    );
    expect(edits.map((edit) => edit.ok)).toEqual([true, true, true, true, true]);
    expect((await inserting).inserted).toBe(60_000);
  });

  it("this instance's own edits during its bulk insert queue behind it and succeed", async () => {
    const a = await seeded();
    let inserting = true;
    // 60,000 into an empty table takes the bulk path, whose final transaction holds the lock.
    const insert = ok(a.invoke('orgs:insertSample', { count: 60_000, seed: 6 })).finally(
      () => (inserting = false),
    );
    const edits: Result<unknown>[] = [];
    for (let i = 0; inserting; i++) {
      edits.push(
        await a.invoke('config:updateWeight', {
          focus_group_id: 'pe_energy',
          dimension_code: 'talent',
          weight: Number((0.1 + (i % 50) / 1000).toFixed(3)),
          rationale: 'test edit',
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await insert).inserted).toBe(60_000);
    expect(edits.filter((edit) => !edit.ok)).toEqual([]);
    expect(edits.length).toBeGreaterThan(5);
  });

  it('two inserts at once both finish with all their rows', async () => {
    const a = await seeded();
    const b = await instance();
    const [first, second] = await Promise.all([
      ok(a.invoke('orgs:insertSample', { count: 40_000, seed: 1 })),
      ok(b.invoke('orgs:insertSample', { count: 40_000, seed: 2 })),
    ]);
    expect([first.inserted, second.inserted]).toEqual([40_000, 40_000]);
    expect((await ok(a.invoke('db:status', {}))).organizations).toBe(80_000);
  }, 180_000);

  it('init racing init and seed: all succeed, the later ones say there was nothing to do', async () => {
    const [a, b, c] = await Promise.all([instance(), instance(), instance()]);
    const [initA, initB] = await Promise.all([
      ok(a!.invoke('schema:init', {})),
      ok(b!.invoke('schema:init', {})),
    ]);
    // Each migration was applied exactly once, by one of the two.
    const applied = [...initA.applied, ...initB.applied].sort((x, y) => x - y);
    expect(applied).toEqual(Array.from({ length: latestVersion() }, (_, k) => k + 1));
    const results = await Promise.all([
      a!.invoke('schema:init', {}),
      b!.invoke('seed:sectorsDimensions', {}),
      c!.invoke('seed:sectorsDimensions', {}),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect((await ok(a!.invoke('db:status', {}))).focus_groups).toBe(7);
  });

  it('a lock held past the wait becomes a typed BUSY error that says to retry, and nothing changes', async () => {
    await seeded();
    const impatient = await instance({ busyTimeoutMs: 100 });
    const holder = new Database(file);
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const refused = await impatient.invoke('config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: 0.2,
        rationale: 'test edit',
      });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'BUSY', message: expect.stringMatching(/try again/i) },
      });
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    const retried = await ok(
      impatient.invoke('config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: 0.2,
        rationale: 'test edit',
      }),
    );
    expect(retried.dimension_weights.talent).toBe(0.2);
  });
});

describe('reads beside a long write', () => {
  it('pages answer while an insert is still running', async () => {
    const a = await seeded();
    await ok(a.invoke('orgs:insertSample', { count: 2_000, seed: 1 }));
    let inserted = false;
    const progress: ProgressEvent[] = [];
    a.subscribe('progress', (event) => progress.push(event));
    const inserting = ok(a.invoke('orgs:insertSample', { count: 80_000, seed: 2 })).then((result) => {
      inserted = true;
      return result;
    });
    await vi.waitFor(() => expect(progress.some((p) => p.done > 0)).toBe(true), { timeout: 30_000 });
    const answeredDuringInsert: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await ok(a.invoke('orgs:query', { sort: 'annual_revenue_usd', dir: 'desc', limit: 50 }));
      expect(page.rows).toHaveLength(50);
      answeredDuringInsert.push(!inserted);
    }
    expect(answeredDuringInsert).toEqual([true, true, true, true, true]);
    expect((await inserting).inserted).toBe(80_000);
  });
});
