import { afterEach, describe, expect, it } from 'vitest';
import { seedLabExampleInserts, seedLabGroupInserts } from '../../test-support/seed-lab';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { ok } from './test/results';

describe.each(storageEngines())('seeding beside the seed lab on $name (issue 21)', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((backend) => backend.close()));
  });
  const test = it.skipIf(engine.skip !== null);

  /** A database with the schema, where the seed lab's own SQL has run. */
  async function afterTheLab(sql: string): Promise<Backend> {
    const url = await engine.newDatabase();
    const backend = await createBackend({ dbFile: url });
    open.push(backend);
    await ok(backend.invoke('schema:init', {}));
    await engine.script(url, seedLabGroupInserts + sql);
    return backend;
  }

  test("adds what the seed's example INSERTs left missing and keeps theirs", async () => {
    const backend = await afterTheLab(seedLabExampleInserts());
    expect(await ok(backend.invoke('seed:sectorsDimensions', {}))).toEqual({
      step: 'focus_groups_dimensions',
      tables: [
        { table: 'focus_groups', added: 6, found: 1, differing: [], total: 7 },
        { table: 'dimensions', added: 6, found: 1, differing: [], total: 7 },
      ],
      message:
        'Seeded focus groups and dimensions: 6 focus groups added, 1 found; 6 dimensions added, 1 found',
    });
    expect(await ok(backend.invoke('seed:weightsCalibrations', {}))).toEqual({
      step: 'weights_calibrations',
      tables: [
        { table: 'focus_group_dimension_weights', added: 48, found: 1, differing: [], total: 49 },
        { table: 'focus_group_calibrations', added: 29, found: 1, differing: [], total: 30 },
      ],
      message: 'Seeded weights and calibrations: 48 weights added, 1 found; 29 calibrations added, 1 found',
    });
    const history = await ok(backend.invoke('config:history', { focus_group_id: 'pe_manufacturing' }));
    // The lab's rows stay as they were written (dated the day they ran); the rest are the baseline.
    const dataInfra = history.versions.filter((v) => v.key === 'data_infrastructure');
    expect(dataInfra).toHaveLength(1);
    expect(dataInfra[0]).toMatchObject({
      value: 0.22,
      is_current: true,
      rationale: 'OT/IT integration critical',
    });
    expect(dataInfra[0]?.effective_from).not.toBe('2024-01-01');
    // SQL that names no change set still leaves one: its own, marked as written outside the app.
    const made = history.change_sets.find((set) => set.change_set_id === dataInfra[0]?.change_set_id);
    expect(made).toMatchObject({ kind: 'external', rationale: 'OT/IT integration critical' });
    const config = await ok(backend.invoke('config:get', { focus_group_id: 'pe_manufacturing' }));
    expect(config).toMatchObject({ h_r_baseline: 72, weights_sum: 1, weights_valid: true });

    const again = await ok(backend.invoke('seed:weightsCalibrations', {}));
    expect(again.tables.map((t) => [t.added, t.found])).toEqual([
      [0, 49],
      [0, 30],
    ]);
    expect(again.message).toBe('Nothing to add: all 79 weights and calibrations are already there');
  });

  test("never overwrites a value of the team's: it names each one that differs from the reference", async () => {
    const backend = await afterTheLab(seedLabExampleInserts(0.25, 80));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    const result = await ok(backend.invoke('seed:weightsCalibrations', {}));
    expect(result.tables).toEqual([
      {
        table: 'focus_group_dimension_weights',
        added: 48,
        found: 1,
        differing: [
          { row: 'pe_manufacturing / pe_dim_data_infra', column: 'weight', value: 0.25, reference: 0.22 },
        ],
        total: 49,
      },
      {
        table: 'focus_group_calibrations',
        added: 29,
        found: 1,
        differing: [
          { row: 'pe_manufacturing / h_r_baseline', column: 'parameter_value', value: 80, reference: 72 },
        ],
        total: 30,
      },
    ]);
    expect(result.message).toBe(
      'Seeded weights and calibrations: 48 weights added, 1 found (1 differs from the reference and was kept); ' +
        '29 calibrations added, 1 found (1 differs from the reference and was kept)',
    );
    const config = await ok(backend.invoke('config:get', { focus_group_id: 'pe_manufacturing' }));
    expect(config).toMatchObject({ h_r_baseline: 80, weights_sum: 1.03, weights_valid: false });
    expect(config.dimension_weights.data_infrastructure).toBe(0.25);
  });

  test('a value changed in the app after seeding is reported, never reset', async () => {
    const backend = await afterTheLab('');
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    await ok(backend.invoke('seed:weightsCalibrations', {}));
    await ok(
      backend.invoke('config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: 0.2,
        rationale: 'scarcer',
      }),
    );
    const again = await ok(backend.invoke('seed:weightsCalibrations', {}));
    expect(again.tables[0]?.differing).toEqual([
      { row: 'pe_energy / pe_dim_talent', column: 'weight', value: 0.2, reference: 0.12 },
    ]);
    expect(again.message).toBe(
      'Nothing to add: all 79 weights and calibrations are already there; 1 differs from the reference and was kept',
    );
    const config = await ok(backend.invoke('config:get', { focus_group_id: 'pe_energy' }));
    expect(config.dimension_weights.talent).toBe(0.2);
  });
});
