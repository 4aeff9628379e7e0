import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoDatabase } from '../../db/sqlite/demo';
import { tempDir } from '../../db/test/helpers';
import type { CacheLogEntry } from '../../shared/domain';
import { createBackend, type Backend } from '.';
import { ok, failure } from './test/results';

let dir: ReturnType<typeof tempDir>;
let backend: Backend;
let exportAnswer: string | null = null;
const log: CacheLogEntry[] = [];

const messages = () => log.map((entry) => entry.message);

beforeAll(async () => {
  dir = tempDir();
  backend = await createBackend({
    dbFile: join(dir.dir, 'workbench.db'),
    chooseConfigExportPath: async () => exportAnswer,
  });
  await ok(backend.invoke('schema:init', {}));
  await ok(backend.invoke('seed:sectorsDimensions', {}));
  await ok(backend.invoke('seed:weightsCalibrations', {}));
  backend.subscribe('cache:log', (entry) => log.push(entry));
}, 60_000);

afterAll(async () => {
  await backend.close();
  dir.cleanup();
});

describe('configuration inputs (issue 9)', () => {
  it('refuses a calibration of 1e6 in the contract, with no SQLite message', async () => {
    const error = await failure(
      backend.invoke('config:updateCalibration', {
        focus_group_id: 'pe_energy',
        parameter_name: 'h_r_baseline',
        value: 1e6,
        rationale: 'x',
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'Invalid input for config:updateCalibration: value: A calibration is less than 1,000,000',
    );
  });

  it('says "at most 3 decimals" for a weight of 0.1234 and "at most 4" for a calibration', async () => {
    const weight = await failure(
      backend.invoke('config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: 0.1234,
        rationale: 'x',
      }),
    );
    expect(weight.message).toBe(
      'Invalid input for config:updateWeight: weight: A weight has at most 3 decimals',
    );
    const calibration = await failure(
      backend.invoke('config:updateCalibration', {
        focus_group_id: 'pe_energy',
        parameter_name: 'h_r_baseline',
        value: 1.23456,
        rationale: 'x',
      }),
    );
    expect(calibration.message).toMatch(/value: A calibration has at most 4 decimals$/);
  });

  it('requires a rationale with every change', async () => {
    const error = await failure(
      backend.dispatch('config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: 0.2,
        rationale: '   ',
      }),
    );
    expect(error.message).toMatch(/A rationale is required/);
  });

  it('answers an unknown calibration with NOT_FOUND and adds nothing', async () => {
    for (const name of ['bogus_param', '__proto__', 'H_R_BASELINE', "'; DROP TABLE organizations;--"]) {
      const error = await failure(
        backend.invoke('config:updateCalibration', {
          focus_group_id: 'pe_energy',
          parameter_name: name,
          value: 1,
          rationale: 'x',
        }),
      );
      expect(error.code).toBe('NOT_FOUND');
    }
    // A control character is not text at all: refused by the contract before any lookup.
    const nul = await failure(
      backend.invoke('config:updateCalibration', {
        focus_group_id: 'pe_energy',
        parameter_name: 'a\u0000b',
        value: 1,
        rationale: 'x',
      }),
    );
    expect(nul.code).toBe('INVALID_INPUT');
    const config = await ok(backend.invoke('config:get', { focus_group_id: 'pe_energy' }));
    expect(Object.keys(config.calibrations)).toHaveLength(4);
    expect((await ok(backend.invoke('db:status', {}))).calibrations).toBe(30);
  });

  it('adds a calibration as its own action: checked name, logged invalidation, no duplicate', async () => {
    const refused = await failure(
      backend.invoke('config:addCalibration', {
        focus_group_id: 'pe_energy',
        parameter_name: 'Bad Name',
        parameter_type: 'threshold',
        description: 'x',
        value: 1,
        rationale: 'x',
      }),
    );
    expect(refused.message).toMatch(/parameter_name: A parameter name is lower_case_words/);
    await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    log.length = 0;
    const input = {
      focus_group_id: 'pe_energy',
      parameter_name: 'governance_minimum',
      parameter_type: 'threshold' as const,
      description: 'Min governance for approval',
      value: 58,
      rationale: 'grid safety regulation',
    };
    const added = await ok(backend.invoke('config:addCalibration', input));
    expect(added.calibrations.governance_minimum).toBe(58);
    expect(messages()).toContain('Cache DELETE for key: sector:pe_energy');
    expect((await failure(backend.invoke('config:addCalibration', input))).code).toBe('CONFLICT');
  });

  it('no number through the contract reaches a SQLite CHECK', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.double(),
          fc.integer({ min: -2e6, max: 2e6 }).map((n) => n / 1000),
        ),
        fc.boolean(),
        async (value, weight) => {
          const result = weight
            ? await backend.dispatch('config:updateWeight', {
                focus_group_id: 'pe_retail',
                dimension_code: 'culture',
                weight: value,
                rationale: 'fuzz',
              })
            : await backend.dispatch('config:updateCalibration', {
                focus_group_id: 'pe_retail',
                parameter_name: 'ebitda_multiplier',
                value,
                rationale: 'fuzz',
              });
          if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('the configuration workbench (issue 11)', () => {
  it('saves all weights of a sector in one transaction with one invalidation', async () => {
    await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_manufacturing' }));
    log.length = 0;
    const result = await ok(
      backend.invoke('config:updateWeights', {
        focus_group_id: 'pe_manufacturing',
        weights: [
          { dimension_code: 'data_infrastructure', weight: 0.2 },
          { dimension_code: 'ai_governance', weight: 0.14 },
          { dimension_code: 'technology_stack', weight: 0.18 },
        ],
        rationale: 'governance matters more after the EU AI Act',
      }),
    );
    expect(result.changed).toBe(2);
    expect(result.config.weights_valid).toBe(true);
    expect(messages().filter((m) => m.startsWith('Cache DELETE'))).toEqual([
      'Cache DELETE for key: sector:pe_manufacturing',
    ]);
  });

  it('reads the configuration as of a day, outside the cache', async () => {
    log.length = 0;
    const then = await ok(
      backend.invoke('config:get', { focus_group_id: 'pe_manufacturing', as_of: '2024-06-01' }),
    );
    expect(then.dimension_weights.ai_governance).toBe(0.12);
    expect(then.as_of).toBe('2024-06-01');
    expect(log).toEqual([]);
    expect(
      (
        await failure(
          backend.invoke('config:get', { focus_group_id: 'pe_manufacturing', as_of: '2024-02-30' }),
        )
      ).code,
    ).toBe('INVALID_INPUT');
  });

  it("reports a fetch's timings as the log shows them, and delays only misses when latency is simulated", async () => {
    await ok(backend.invoke('cache:setSimulatedLatency', { simulated_latency_ms: 50 }));
    expect(await ok(backend.invoke('cache:settings', {}))).toEqual({ simulated_latency_ms: 50 });
    await ok(backend.invoke('cache:invalidate', { focus_group_id: 'pe_healthcare' }));
    log.length = 0;
    const miss = await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_healthcare' }));
    expect(miss.source).toBe('database');
    expect(miss.load_ms).toBeGreaterThanOrEqual(49);
    expect(miss.duration_ms).toBeGreaterThanOrEqual(miss.load_ms!);
    const missLine = log.find((e) => e.type === 'MISS')!;
    const setLine = log.find((e) => e.type === 'SET')!;
    expect(miss.cache_ms).toBe(missLine.duration_ms);
    expect(miss.store_ms).toBe(setLine.duration_ms);

    log.length = 0;
    const hit = await ok(backend.invoke('cache:fetch', { focus_group_id: 'pe_healthcare' }));
    expect(hit.source).toBe('cache');
    expect(hit.duration_ms).toBeLessThan(50);
    expect(hit.cache_ms).toBe(log.find((e) => e.type === 'HIT')!.duration_ms);
    expect([hit.load_ms, hit.store_ms, hit.simulated_latency_ms]).toEqual([null, null, 50]);
    await ok(backend.invoke('cache:setSimulatedLatency', { simulated_latency_ms: 0 }));
    expect(
      (await failure(backend.dispatch('cache:setSimulatedLatency', { simulated_latency_ms: 7 }))).code,
    ).toBe('INVALID_INPUT');
  });

  it('reverts through the history', async () => {
    const history = await ok(backend.invoke('config:history', { focus_group_id: 'pe_manufacturing' }));
    const old = history.versions.find((v) => v.key === 'ai_governance' && !v.is_current)!;
    const reverted = await ok(
      backend.invoke('config:revert', {
        focus_group_id: 'pe_manufacturing',
        kind: 'weight',
        version_id: old.version_id,
        rationale: 'back to the reference',
      }),
    );
    expect(reverted.dimension_weights.ai_governance).toBe(0.12);
    const after = await ok(backend.invoke('config:history', { focus_group_id: 'pe_manufacturing' }));
    // A version of its own, though the value it replaces was saved the same day.
    expect(after.versions.length).toBe(history.versions.length + 1);
    expect(after.versions.find((v) => v.key === 'ai_governance' && v.is_current)?.rationale).toMatch(
      /^Reverted to the value of 2024-01-01 \(0\.120\): back to the reference$/,
    );
  });

  it('exports through the save dialog and imports with a preview', async () => {
    expect(await ok(backend.invoke('config:export', { focus_group_id: null }))).toEqual({
      path: null,
      sectors: 0,
    });
    exportAnswer = join(dir.dir, 'all.json');
    const saved = await ok(backend.invoke('config:export', { focus_group_id: null }));
    expect(saved).toEqual({ path: exportAnswer, sectors: 7 });
    const text = readFileSync(exportAnswer, 'utf8');
    exportAnswer = join(dir.dir, 'workbench.db');
    expect((await failure(backend.invoke('config:export', { focus_group_id: null }))).message).toMatch(
      /Refusing to export over the open database/,
    );

    const document = JSON.parse(text) as { sectors: { weights: { weight: number }[] }[] };
    expect(document.sectors).toHaveLength(7);
    await ok(
      backend.invoke('config:updateWeight', {
        focus_group_id: 'pe_manufacturing',
        dimension_code: 'culture',
        weight: 0.09,
        rationale: 'culture shift',
      }),
    );
    const preview = await ok(backend.invoke('config:previewImport', { text }));
    expect(preview.differences).toEqual([
      expect.objectContaining({
        focus_group_id: 'pe_manufacturing',
        key: 'culture',
        current: 0.09,
        incoming: 0.07,
      }),
    ]);
    log.length = 0;
    const applied = await ok(backend.invoke('config:import', { text }));
    expect(applied).toMatchObject({ applied: true, message: 'Applied 1 change to 1 sector' });
    expect(messages()).toContain('Cache DELETE for key: sector:pe_manufacturing');
    expect(await ok(backend.invoke('config:import', { text }))).toMatchObject({
      applied: false,
      message: 'Nothing to do: the file matches the current configuration',
    });
    expect((await failure(backend.invoke('config:import', { text: '{' }))).message).toBe(
      'The file is not a configuration: it is not valid JSON',
    );
  });

  it('compares all sectors through the cache', async () => {
    log.length = 0;
    const all = await ok(backend.invoke('config:all', {}));
    expect(all.map((c) => c.focus_group_id)).toHaveLength(7);
    await ok(backend.invoke('config:all', {}));
    expect(messages()).toEqual([
      'Cache MISS for key: sectors:all',
      'Cache SET for key: sectors:all',
      'Cache HIT for key: sectors:all',
    ]);
  });

  it('has no demo to reset without a demo database', async () => {
    expect(await ok(backend.invoke('demo:status', {}))).toEqual({ available: false });
    expect((await failure(backend.invoke('demo:reset', { confirm: true }))).code).toBe('NOT_FOUND');
  });
});

describe('the demo database', () => {
  it('opens on first run and Reset demo restores it, emptying the cache', async () => {
    const demoDir = tempDir();
    try {
      const template = join(demoDir.dir, 'demo-template.db');
      await buildDemoDatabase(template, { organizations: 140, seed: 5 });
      const file = join(demoDir.dir, 'first-run.db');
      const demo = await createBackend({ dbFile: file, demoDatabase: template });
      try {
        expect(existsSync(file)).toBe(true);
        expect(await ok(demo.invoke('db:status', {}))).toMatchObject({
          focus_groups: 7,
          weights: 49,
          calibrations: 30,
          organizations: 140,
        });
        expect(await ok(demo.invoke('demo:status', {}))).toEqual({ available: true });
        await ok(
          demo.invoke('config:updateWeight', {
            focus_group_id: 'pe_retail',
            dimension_code: 'culture',
            weight: 0.2,
            rationale: 'playing',
          }),
        );
        await ok(demo.invoke('orgs:insertSample', { count: 10, seed: 99 }));
        await ok(demo.invoke('cache:fetch', { focus_group_id: 'pe_retail' }));
        expect((await failure(demo.dispatch('demo:reset', {}))).code).toBe('INVALID_INPUT');

        const reset = await ok(demo.invoke('demo:reset', { confirm: true }));
        expect(reset.organizations).toBe(140);
        expect(await ok(demo.invoke('db:status', {}))).toMatchObject({ weights: 49, organizations: 140 });
        expect((await ok(demo.invoke('cache:stats', {}))).keys).toEqual([]);
        expect(
          (await ok(demo.invoke('config:get', { focus_group_id: 'pe_retail' }))).dimension_weights.culture,
        ).toBe(0.07);
      } finally {
        await demo.close();
      }
      // A second start keeps the user's file: the demo is copied only when there is none.
      const again = await createBackend({ dbFile: file, demoDatabase: template });
      try {
        await ok(
          again.invoke('config:updateWeight', {
            focus_group_id: 'pe_retail',
            dimension_code: 'culture',
            weight: 0.1,
            rationale: 'mine',
          }),
        );
      } finally {
        await again.close();
      }
      const third = await createBackend({ dbFile: file, demoDatabase: template });
      try {
        expect(
          (await ok(third.invoke('config:get', { focus_group_id: 'pe_retail' }))).dimension_weights.culture,
        ).toBe(0.1);
      } finally {
        await third.close();
      }
    } finally {
      demoDir.cleanup();
    }
  }, 60_000);
});

describe('migrating', () => {
  it("is this instance's own change: no invalidation is reported as another process's", async () => {
    const own = tempDir();
    const fresh = await createBackend({ dbFile: join(own.dir, 'fresh.db'), changePollMs: 20 });
    try {
      const entries: CacheLogEntry[] = [];
      fresh.subscribe('cache:log', (entry) => entries.push(entry));
      await ok(fresh.invoke('schema:init', {}));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(entries.map((e) => e.message)).toEqual([]);
    } finally {
      await fresh.close();
      own.cleanup();
    }
  });
});
