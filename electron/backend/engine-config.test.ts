import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CacheLogEntry, ConfigHistory } from '../../shared/domain';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { ok, failure } from './test/results';

/** The current versions of one item, and all of its versions. */
function versionsOf(history: ConfigHistory, key: string) {
  const all = history.versions.filter((v) => v.key === key);
  return { all, current: all.filter((v) => v.is_current) };
}

/** Every weight and calibration of the sector has exactly one current version. */
function expectOneCurrentEach(history: ConfigHistory) {
  const current = new Map<string, number>();
  for (const v of history.versions) {
    const key = `${v.kind}:${v.key}`;
    current.set(key, (current.get(key) ?? 0) + (v.is_current ? 1 : 0));
  }
  expect([...current.values()].every((n) => n === 1)).toBe(true);
}

describe.each(storageEngines())('configuration on $name', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((backend) => backend.close()));
  });

  async function instance(url: string): Promise<Backend> {
    const backend = await createBackend({ dbFile: url, changePollMs: 100 });
    open.push(backend);
    return backend;
  }

  async function seeded(): Promise<{ url: string; backend: Backend }> {
    const url = await engine.newDatabase();
    const backend = await instance(url);
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    await ok(backend.invoke('seed:weightsCalibrations', {}));
    return { url, backend };
  }

  const test = it.skipIf(engine.skip !== null);

  test('seeds 7 sectors, 7 dimensions, 49 weights and 30 calibrations, once', async () => {
    const backend = await instance(await engine.newDatabase());
    expect((await failure(backend.invoke('seed:sectorsDimensions', {}))).code).toBe('NO_SCHEMA');
    await ok(backend.invoke('schema:init', {}));
    expect(await failure(backend.invoke('seed:weightsCalibrations', {}))).toEqual({
      code: 'NOT_SEEDED',
      message: 'Seed the focus groups and dimensions first',
    });
    expect((await failure(backend.invoke('config:get', { focus_group_id: 'pe_energy' }))).code).toBe(
      'NOT_SEEDED',
    );
    expect(await ok(backend.invoke('seed:sectorsDimensions', {}))).toEqual({
      step: 'focus_groups_dimensions',
      tables: [
        { table: 'focus_groups', added: 7, found: 0, differing: [], total: 7 },
        { table: 'dimensions', added: 7, found: 0, differing: [], total: 7 },
      ],
      message:
        'Seeded focus groups and dimensions: 7 focus groups added, 0 found; 7 dimensions added, 0 found',
    });
    expect(await ok(backend.invoke('seed:weightsCalibrations', {}))).toEqual({
      step: 'weights_calibrations',
      tables: [
        { table: 'focus_group_dimension_weights', added: 49, found: 0, differing: [], total: 49 },
        { table: 'focus_group_calibrations', added: 30, found: 0, differing: [], total: 30 },
      ],
      message: 'Seeded weights and calibrations: 49 weights added, 0 found; 30 calibrations added, 0 found',
    });
    expect(await ok(backend.invoke('seed:sectorsDimensions', {}))).toMatchObject({
      message: 'Nothing to add: all 14 focus groups and dimensions are already there',
    });
    const again = await ok(backend.invoke('seed:weightsCalibrations', {}));
    expect(again.tables.map((t) => [t.table, t.added, t.found, t.total])).toEqual([
      ['focus_group_dimension_weights', 0, 49, 49],
      ['focus_group_calibrations', 0, 30, 30],
    ]);
    const sectors = await ok(backend.invoke('sectors:list', {}));
    expect(sectors.map((s) => s.focus_group_id)).toEqual([
      'pe_manufacturing',
      'pe_financial_services',
      'pe_healthcare',
      'pe_technology',
      'pe_retail',
      'pe_energy',
      'pe_professional_services',
    ]);
    expect(sectors[0]).toMatchObject({ platform: 'pe_org_air', is_active: true });
    expect(await ok(backend.invoke('dimensions:list', {}))).toHaveLength(7);
  });

  test('answers a day outside 0001-9999 with the same INVALID_INPUT on both engines, and the first year with NOT_FOUND', async () => {
    const { backend } = await seeded();
    for (const channel of ['config:get', 'config:details'] as const) {
      expect(
        await failure(backend.invoke(channel, { focus_group_id: 'pe_energy', as_of: '0000-01-01' })),
      ).toEqual({
        code: 'INVALID_INPUT',
        message: `Invalid input for ${channel}: as_of: must be a day of the years 0001 to 9999`,
      });
    }
    expect(
      await failure(backend.invoke('config:get', { focus_group_id: 'pe_energy', as_of: '0001-01-01' })),
    ).toEqual({
      code: 'NOT_FOUND',
      message:
        'Energy & Utilities had no configuration in force on 0001-01-01: its first version is of 2024-01-01',
    });
    expect(
      await failure(backend.invoke('config:get', { focus_group_id: 'pe_energy', as_of: '9999-12-31' })),
    ).toEqual({
      code: 'INVALID_INPUT',
      message: '9999-12-31 is in the future: only what was in force up to now is known',
    });
  });

  test('loads a sector today and as of a day, with details and history', async () => {
    const { backend } = await seeded();
    const config = await ok(backend.invoke('config:get', { focus_group_id: 'pe_financial_services' }));
    expect(config).toMatchObject({ group_name: 'Financial Services', weights_sum: 1, h_r_baseline: 82 });
    expect(config.dimension_weights.ai_governance).toBe(0.22);
    const details = await ok(backend.invoke('config:details', { focus_group_id: 'pe_financial_services' }));
    expect(details.weights).toHaveLength(7);
    expect(details.weights[1]).toMatchObject({
      dimension_code: 'ai_governance',
      dimension_name: 'AI Governance',
      weight: 0.22,
      rationale: 'Regulatory imperative',
      effective_from: '2024-01-01',
      weight_id: expect.any(Number),
    });
    expect(details.calibrations.map((c) => [c.parameter_name, c.parameter_type, c.value])).toEqual([
      ['h_r_baseline', 'numeric', 82],
      ['ebitda_multiplier', 'numeric', 1.1],
      ['talent_concentration_threshold', 'threshold', 0.25],
      ['position_factor_delta', 'numeric', 0.15],
      ['governance_minimum', 'threshold', 60],
    ]);
    const asOf = await ok(
      backend.invoke('config:get', { focus_group_id: 'pe_financial_services', as_of: '2024-06-30' }),
    );
    expect(asOf).toEqual({ ...config, as_of: '2024-06-30' });
    expect(
      await failure(
        backend.invoke('config:get', { focus_group_id: 'pe_financial_services', as_of: '2023-12-31' }),
      ),
    ).toEqual({
      code: 'NOT_FOUND',
      message:
        'Financial Services had no configuration in force on 2023-12-31: its first version is of 2024-01-01',
    });
    expect(await failure(backend.invoke('config:get', { focus_group_id: 'pe_nowhere' }))).toEqual({
      code: 'NOT_FOUND',
      message: 'Unknown sector: pe_nowhere',
    });
    const history = await ok(backend.invoke('config:history', { focus_group_id: 'pe_financial_services' }));
    expect(history.versions).toHaveLength(12);
    expect(history.versions.slice(0, 2).map((v) => v.key)).toEqual(['data_infrastructure', 'ai_governance']);
    expectOneCurrentEach(history);
  });

  test('updates weights and calibrations by effective dating, adds, and reverts', async () => {
    const { backend } = await seeded();
    const today = new Date().toISOString().slice(0, 10);
    const saved = await ok(
      backend.invoke('config:updateWeights', {
        focus_group_id: 'pe_energy',
        weights: [
          { dimension_code: 'talent', weight: 0.2 },
          { dimension_code: 'culture', weight: 0.05 },
        ],
        rationale: 'scarcer',
      }),
    );
    expect(saved.changed).toBe(1);
    expect(saved.config.dimension_weights.talent).toBe(0.2);
    let history = await ok(backend.invoke('config:history', { focus_group_id: 'pe_energy' }));
    const first = versionsOf(history, 'talent');
    expect(first.all.map((v) => [v.value, v.effective_from, v.effective_to, v.is_current])).toEqual([
      [0.12, '2024-01-01', today, false],
      [0.2, today, null, true],
    ]);
    // The same day again is a version of its own; the day's first is closed the day it began.
    await ok(
      backend.invoke('config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: 0.21,
        rationale: 'a little more',
      }),
    );
    history = await ok(backend.invoke('config:history', { focus_group_id: 'pe_energy' }));
    const second = versionsOf(history, 'talent');
    expect(second.all.map((v) => [v.value, v.effective_from, v.effective_to, v.is_current])).toEqual([
      [0.12, '2024-01-01', today, false],
      [0.2, today, today, false],
      [0.21, today, null, true],
    ]);
    expect(second.current[0]?.version_id).not.toBe(first.current[0]?.version_id);

    expect(
      (
        await ok(
          backend.invoke('config:updateCalibration', {
            focus_group_id: 'pe_energy',
            parameter_name: 'h_r_baseline',
            value: 71.5,
            rationale: 'grid AI',
          }),
        )
      ).h_r_baseline,
    ).toBe(71.5);
    expect(
      await failure(
        backend.invoke('config:updateCalibration', {
          focus_group_id: 'pe_energy',
          parameter_name: 'bogus_param',
          value: 1,
          rationale: 'x',
        }),
      ),
    ).toEqual({
      code: 'NOT_FOUND',
      message: 'Energy & Utilities has no calibration named bogus_param: add it as a new parameter instead',
    });
    const add = {
      focus_group_id: 'pe_energy',
      parameter_name: 'grid_risk_floor',
      parameter_type: 'threshold' as const,
      description: 'Lowest grid risk score',
      value: 0.3,
      rationale: 'new rule',
    };
    expect((await ok(backend.invoke('config:addCalibration', add))).calibrations.grid_risk_floor).toBe(0.3);
    expect(await failure(backend.invoke('config:addCalibration', add))).toEqual({
      code: 'CONFLICT',
      message: 'Energy & Utilities already has grid_risk_floor: change its value instead',
    });

    const seededTalent = second.all[0]!;
    const reverted = await ok(
      backend.invoke('config:revert', {
        focus_group_id: 'pe_energy',
        kind: 'weight',
        version_id: seededTalent.version_id,
        rationale: 'back to the seed',
      }),
    );
    expect(reverted.dimension_weights.talent).toBe(0.12);
    history = await ok(backend.invoke('config:history', { focus_group_id: 'pe_energy' }));
    const talent = versionsOf(history, 'talent');
    expect(talent.current[0]?.rationale).toBe(
      'Reverted to the value of 2024-01-01 (0.120): back to the seed',
    );
    expect(
      await failure(
        backend.invoke('config:revert', {
          focus_group_id: 'pe_energy',
          kind: 'weight',
          version_id: talent.current[0]!.version_id,
          rationale: 'x',
        }),
      ),
    ).toEqual({ code: 'CONFLICT', message: 'That version is already the current one' });
    expectOneCurrentEach(history);
  });

  test('shares a configuration: export, preview, import; a bad document changes nothing', async () => {
    const { backend: source } = await seeded();
    await ok(
      source.invoke('config:updateWeights', {
        focus_group_id: 'pe_retail',
        weights: [
          { dimension_code: 'talent', weight: 0.1 },
          { dimension_code: 'culture', weight: 0.1 },
        ],
        rationale: 'shared change',
      }),
    );
    await ok(
      source.invoke('config:addCalibration', {
        focus_group_id: 'pe_retail',
        parameter_name: 'privacy_floor',
        parameter_type: 'threshold',
        description: 'Privacy minimum',
        value: 40,
        rationale: 'regulation',
      }),
    );
    const document = await ok(source.invoke('config:document', { focus_group_id: null }));
    expect(document.sectors).toHaveLength(7);
    const text = JSON.stringify(document);

    const { backend: target } = await seeded();
    const before = await ok(target.invoke('config:history', { focus_group_id: 'pe_retail' }));
    const tampered = JSON.stringify({
      ...document,
      sectors: document.sectors.map((s) => ({
        ...s,
        weights: s.weights.map((w) => ({ ...w, weight: 0.5 })),
      })),
    });
    for (const bad of ['{ not json', tampered]) {
      const refused = await failure(target.invoke('config:import', { text: bad }));
      expect(refused.code).toBe('INVALID_INPUT');
      expect(refused.message).not.toMatch(/\n/);
    }
    expect(await ok(target.invoke('config:history', { focus_group_id: 'pe_retail' }))).toEqual(before);

    const preview = await ok(target.invoke('config:previewImport', { text }));
    expect(preview.differences.map((d) => [d.focus_group_id, d.kind, d.key, d.current, d.incoming])).toEqual([
      ['pe_retail', 'weight', 'talent', 0.15, 0.1],
      ['pe_retail', 'weight', 'culture', 0.07, 0.1],
      ['pe_retail', 'calibration', 'privacy_floor', null, 40],
    ]);
    const applied = await ok(target.invoke('config:import', { text }));
    expect(applied).toMatchObject({ applied: true, message: 'Applied 3 changes to 1 sector' });
    const [mine, theirs] = await Promise.all([
      ok(source.invoke('config:get', { focus_group_id: 'pe_retail' })),
      ok(target.invoke('config:get', { focus_group_id: 'pe_retail' })),
    ]);
    expect(theirs).toEqual(mine);
    expect((await ok(target.invoke('config:import', { text }))).message).toBe(
      'Nothing to do: the file matches the current configuration',
    );
  });

  test('two analysts save the same weight at once: one wins, the other gets CONFLICT and nothing saved', async () => {
    const { url, backend: a } = await seeded();
    const b = await instance(url);
    for (const round of [0, 1]) {
      // Round 1 edits a version made today, which a save closes the day it began.
      const [shownA, shownB] = await Promise.all([
        ok(a.invoke('config:details', { focus_group_id: 'pe_energy' })),
        ok(b.invoke('config:details', { focus_group_id: 'pe_energy' })),
      ]);
      const id = (shown: typeof shownA) =>
        shown.weights.find((w) => w.dimension_code === 'ai_governance')!.weight_id;
      expect(id(shownA)).toBe(id(shownB));
      const save = (backend: Backend, weight: number) =>
        backend.invoke('config:updateWeights', {
          focus_group_id: 'pe_energy',
          weights: [{ dimension_code: 'ai_governance', weight, weight_id: id(shownA) }],
          rationale: `round ${round}`,
        });
      const results = await Promise.all([save(a, 0.25 + round / 100), save(b, 0.3 + round / 100)]);
      const winners = results.filter((r) => r.ok);
      const losers = results.flatMap((r) => (r.ok ? [] : [r.error]));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const won = results[0]!.ok ? 0.25 + round / 100 : 0.3 + round / 100;
      expect(losers[0]).toEqual({
        code: 'CONFLICT',
        message: `AI Governance was changed to ${won.toFixed(3)} by someone else while you were editing; nothing was saved. The new value is shown.`,
      });
      const history = await ok(a.invoke('config:history', { focus_group_id: 'pe_energy' }));
      expect(versionsOf(history, 'ai_governance').current.map((v) => v.value)).toEqual([won]);
      expectOneCurrentEach(history);
    }
    // A calibration edit made on a version that is no longer current is refused the same way.
    const shown = await ok(b.invoke('config:details', { focus_group_id: 'pe_energy' }));
    const baseline = shown.calibrations.find((c) => c.parameter_name === 'h_r_baseline')!;
    await ok(
      a.invoke('config:updateCalibration', {
        focus_group_id: 'pe_energy',
        parameter_name: 'h_r_baseline',
        value: 70,
        rationale: 'first',
        calibration_id: baseline.calibration_id,
      }),
    );
    expect(
      await failure(
        b.invoke('config:updateCalibration', {
          focus_group_id: 'pe_energy',
          parameter_name: 'h_r_baseline',
          value: 90,
          rationale: 'second',
          calibration_id: baseline.calibration_id,
        }),
      ),
    ).toEqual({
      code: 'CONFLICT',
      message:
        'h_r_baseline was changed to 70 by someone else while you were editing; nothing was saved. The new value is shown.',
    });
    // What the loser's workbench reloads (config:details reads the database; config:get, the cache,
    // follows within the change check's interval).
    expect((await ok(b.invoke('config:details', { focus_group_id: 'pe_energy' }))).config.h_r_baseline).toBe(
      70,
    );
  });

  test("a revert made on a value a colleague has replaced is refused, and the colleague's value stays", async () => {
    const { url, backend: a } = await seeded();
    const b = await instance(url);
    const talent = async (backend: Backend) =>
      (await ok(backend.invoke('config:details', { focus_group_id: 'pe_technology' }))).weights.find(
        (w) => w.dimension_code === 'talent',
      )!;
    const seededTalent = await talent(a);
    const save = (backend: Backend, weight: number, weight_id: number) =>
      ok(
        backend.invoke('config:updateWeights', {
          focus_group_id: 'pe_technology',
          weights: [{ dimension_code: 'talent', weight, weight_id }],
          rationale: `set ${weight}`,
        }),
      );
    await save(a, 0.142, seededTalent.weight_id);
    const shownToA = await talent(a);
    await save(b, 0.163, shownToA.weight_id);
    // A still shows 0.142 and reverts to the seeded value.
    const history = await ok(a.invoke('config:history', { focus_group_id: 'pe_technology' }));
    const baseline = versionsOf(history, 'talent').all.find((v) => v.version_id === seededTalent.weight_id)!;
    expect(
      await failure(
        a.invoke('config:revert', {
          focus_group_id: 'pe_technology',
          kind: 'weight',
          version_id: baseline.version_id,
          current_id: shownToA.weight_id,
          rationale: 'back to the seed',
        }),
      ),
    ).toEqual({
      code: 'CONFLICT',
      message:
        'Talent was changed to 0.163 by someone else while you were editing; nothing was saved. The new value is shown.',
    });
    expect((await talent(b)).weight).toBe(0.163);
  });

  test("judges the weights' sum by the seed's rule: 0.999 and 1.001 are not 1 (issue 21)", async () => {
    const { backend } = await seeded();
    const verdicts: [number, boolean, boolean][] = [];
    // Energy's talent weight is 0.12 of a sum of 1.000; three decimals is all a weight holds.
    for (const talent of [0.119, 0.121, 0.12]) {
      const { config } = await ok(
        backend.invoke('config:updateWeights', {
          focus_group_id: 'pe_energy',
          weights: [{ dimension_code: 'talent', weight: talent }],
          rationale: 'sum test',
        }),
      );
      const loaded = await ok(backend.invoke('config:get', { focus_group_id: 'pe_energy' }));
      verdicts.push([config.weights_sum, config.weights_valid, loaded.weights_valid]);
    }
    expect(verdicts).toEqual([
      [0.999, false, false],
      [1.001, false, false],
      [1, true, true],
    ]);
  });

  test("names a dimension by the reference's code, its id or the seed's short code (issue 21)", async () => {
    const { backend } = await seeded();
    for (const [key, weight] of [
      ['data_infrastructure', 0.21],
      ['pe_dim_data_infra', 0.2],
      ['data_infra', 0.22],
    ] as const) {
      const config = await ok(
        backend.invoke('config:updateWeight', {
          focus_group_id: 'pe_energy',
          dimension_code: key,
          weight,
          rationale: `by ${key}`,
        }),
      );
      expect(config.dimension_weights.data_infrastructure, key).toBe(weight);
    }
    expect(
      await failure(
        backend.invoke('config:updateWeight', {
          focus_group_id: 'pe_energy',
          dimension_code: 'infra',
          weight: 0.2,
          rationale: 'unknown',
        }),
      ),
    ).toEqual({ code: 'NOT_FOUND', message: 'Unknown dimension: infra' });
  });

  test("an edit in one instance reaches the other's cache within a second, logged", async () => {
    const { url, backend: a } = await seeded();
    const b = await instance(url);
    const logA: string[] = [];
    a.subscribe('cache:log', (entry: CacheLogEntry) => logA.push(entry.message));
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
    await vi.waitFor(
      () => expect(logA).toContain('Cache DELETE for key: sector:pe_energy (changed in another process)'),
      { timeout: 1000, interval: 20 },
    );
    const fetched = await ok(a.invoke('cache:fetch', { focus_group_id: 'pe_energy' }));
    expect(fetched.source).toBe('database');
    expect(fetched.config.dimension_weights.talent).toBe(0.2);
  });
});
