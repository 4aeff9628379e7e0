import { SectorConfig } from '../../shared/sector-config';
import { describe, expect, it } from 'vitest';
import { sqliteConfigRepository } from './config-repo';
import type { Db } from './connection';
import { loadReference } from '../core/reference';
import { asOf, migratedDb, seededDb, testRepository } from '../test/helpers';

const ref = loadReference();

/** A repository whose "today" the test moves, to build a history over several days. */
function dated(db: Db, start = '2025-03-01') {
  const clock = { today: start };
  return { repo: testRepository(db, () => clock.today), clock };
}

const rows = (db: Db, sql: string) => db.prepare(sql).all();

describe('config repository', () => {
  it("loads every sector's current weights and calibrations as in the reference", async () => {
    const repo = sqliteConfigRepository(seededDb());
    const codeOf = new Map(ref.dimensions.map((d) => [d.dimension_id, d.dimension_code]));
    for (const group of ref.focus_groups) {
      const json = await repo.loadSectorConfig(group.focus_group_id);
      expect(json.group_name).toBe(group.group_name);
      expect(json.as_of).toBeNull();
      expect(json.dimension_weights).toEqual(
        Object.fromEntries(
          ref.dimension_weights[group.focus_group_id]!.map(([id, w]) => [codeOf.get(id), Number(w)]),
        ),
      );
      expect(json.calibrations).toEqual(
        Object.fromEntries(ref.calibrations[group.focus_group_id]!.map(([name, v]) => [name, Number(v)])),
      );
      expect(json.weights_sum).toBe(1);
      expect(json.weights_valid).toBe(true);
    }
    const fin = await repo.loadSectorConfig('pe_financial_services');
    expect([
      fin.h_r_baseline,
      fin.ebitda_multiplier,
      fin.position_factor_delta,
      fin.talent_concentration_threshold,
    ]).toEqual([82, 1.1, 0.15, 0.25]);
    expect(JSON.stringify(fin)).not.toMatch(/0000000|9999999/);
  });

  it("finds a weight by the dimension's code, id or the seed's short code (issue 11: data_infra was 0)", async () => {
    const config = SectorConfig.fromJSON(
      await sqliteConfigRepository(seededDb()).loadSectorConfig('pe_manufacturing'),
    );
    expect(config.getDimensionWeight('data_infrastructure')).toBe(0.22);
    expect(config.getDimensionWeight('pe_dim_data_infra')).toBe(0.22);
    expect(config.getDimensionWeight('data_infra')).toBe(0.22);
    expect(config.getDimensionWeight('use_cases')).toBe(0.14);
    expect(config.getDimensionWeight('quantum')).toBe(0);
  });

  it('answers an unknown sector with NOT_FOUND and an unseeded database with NOT_SEEDED', async () => {
    await expect(sqliteConfigRepository(seededDb()).loadSectorConfig('pe_space')).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'Unknown sector: pe_space' }),
    );
    await expect(sqliteConfigRepository(migratedDb()).loadSectorConfig('pe_energy')).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_SEEDED' }),
    );
  });

  it('updates a weight with a new effective-dated row and closes the old one, in a change set', async () => {
    const db = seededDb();
    const { repo } = dated(db, '2025-03-01');
    const energy = (weight: number, rationale: string) =>
      repo.updateWeights({
        focus_group_id: 'pe_energy',
        weights: [{ dimension_code: 'talent', weight }],
        rationale,
      });
    expect(await energy(0.2, 'scarcer')).toEqual({ changed: 1, change_set_id: expect.any(Number) });
    const talent = `SELECT weight, weight_rationale, effective_from, effective_to, is_current
      FROM focus_group_dimension_weights WHERE focus_group_id = 'pe_energy' AND dimension_id = 'pe_dim_talent'
      ORDER BY weight_id`;
    expect(rows(db, talent)).toEqual([
      {
        weight: 0.12,
        weight_rationale: 'Talent scarcity',
        effective_from: '2024-01-01',
        effective_to: '2025-03-01',
        is_current: 0,
      },
      {
        weight: 0.2,
        weight_rationale: 'scarcer',
        effective_from: '2025-03-01',
        effective_to: null,
        is_current: 1,
      },
    ]);
    expect(SectorConfig.fromJSON(await repo.loadSectorConfig('pe_energy')).getDimensionWeight('talent')).toBe(
      0.2,
    );
    expect(SectorConfig.fromJSON(await repo.loadSectorConfig('pe_energy')).validateWeightsSum()).toBe(false);

    // A second change on the same day is a version of its own, the first closed the day it began;
    // the same value again changes nothing and makes no change set.
    expect((await energy(0.12, 'back')).changed).toBe(1);
    expect(await energy(0.12, 'again')).toEqual({ changed: 0, change_set_id: null });
    expect(rows(db, talent).slice(1)).toEqual([
      {
        weight: 0.2,
        weight_rationale: 'scarcer',
        effective_from: '2025-03-01',
        effective_to: '2025-03-01',
        is_current: 0,
      },
      {
        weight: 0.12,
        weight_rationale: 'back',
        effective_from: '2025-03-01',
        effective_to: null,
        is_current: 1,
      },
    ]);
    expect(SectorConfig.fromJSON(await repo.loadSectorConfig('pe_energy')).validateWeightsSum()).toBe(true);
  });

  it('saves several weights in one transaction: all of them or none', async () => {
    const db = seededDb();
    const { repo } = dated(db);
    const weights = [
      { dimension_code: 'talent', weight: 0.15 },
      { dimension_code: 'culture', weight: 0.02 },
      { dimension_code: 'leadership', weight: 0.13 },
    ];
    expect(
      (await repo.updateWeights({ focus_group_id: 'pe_energy', weights, rationale: 'rebalanced' })).changed,
    ).toBe(2);
    const config = SectorConfig.fromJSON(await repo.loadSectorConfig('pe_energy'));
    expect([config.getDimensionWeight('talent'), config.getDimensionWeight('culture')]).toEqual([0.15, 0.02]);
    expect(config.validateWeightsSum()).toBe(true);

    // The second weight is unknown: the first one is not kept either.
    await expect(
      repo.updateWeights({
        focus_group_id: 'pe_energy',
        weights: [
          { dimension_code: 'talent', weight: 0.3 },
          { dimension_code: 'nope', weight: 0.1 },
        ],
        rationale: 'x',
      }),
    ).rejects.toThrow('Unknown dimension: nope');
    expect(SectorConfig.fromJSON(await repo.loadSectorConfig('pe_energy')).getDimensionWeight('talent')).toBe(
      0.15,
    );
  });

  it('updates an existing calibration; an unknown one is NOT_FOUND and adds nothing (issue 9)', async () => {
    const db = seededDb();
    const { repo } = dated(db);
    await repo.updateCalibration({
      focus_group_id: 'pe_retail',
      parameter_name: 'h_r_baseline',
      value: 77,
      rationale: 'retail AI adoption grew',
    });
    expect(SectorConfig.fromJSON(await repo.loadSectorConfig('pe_retail')).hRBaseline).toBe(77);
    for (const name of [
      'governance_minimum',
      'bogus_param',
      '__proto__',
      'H_R_BASELINE',
      "'; DROP TABLE x;--",
    ]) {
      await expect(
        repo.updateCalibration({
          focus_group_id: 'pe_retail',
          parameter_name: name,
          value: 1,
          rationale: 'x',
        }),
      ).rejects.toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
    expect(
      rows(db, "SELECT count(*) AS n FROM focus_group_calibrations WHERE focus_group_id = 'pe_retail'"),
    ).toEqual([{ n: 5 }]);
    expect(Object.keys((await repo.loadSectorConfig('pe_retail')).calibrations)).toHaveLength(4);
  });

  it('adds a calibration parameter as its own action, and refuses one the sector has', async () => {
    const db = seededDb();
    const { repo } = dated(db, '2025-06-01');
    await repo.addCalibration({
      focus_group_id: 'pe_retail',
      parameter_name: 'governance_minimum',
      parameter_type: 'threshold',
      description: 'Min governance for approval',
      value: 55,
      rationale: 'privacy regulation',
    });
    const details = await repo.loadSectorDetails('pe_retail');
    expect(details.calibrations.find((c) => c.parameter_name === 'governance_minimum')).toEqual({
      calibration_id: expect.any(Number),
      parameter_name: 'governance_minimum',
      value: 55,
      parameter_type: 'threshold',
      description: 'Min governance for approval',
      rationale: 'privacy regulation',
      effective_from: '2025-06-01',
    });
    await expect(
      repo.addCalibration({
        focus_group_id: 'pe_retail',
        parameter_name: 'h_r_baseline',
        parameter_type: 'numeric',
        description: 'x',
        value: 1,
        rationale: 'x',
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('shows the rationale, description and type of every weight and calibration', async () => {
    const details = await sqliteConfigRepository(seededDb()).loadSectorDetails('pe_financial_services');
    expect(details.weights).toHaveLength(7);
    expect(details.weights[1]).toMatchObject({
      dimension_code: 'ai_governance',
      dimension_name: 'AI Governance',
      weight: 0.22,
      rationale: 'Regulatory imperative',
      effective_from: '2024-01-01',
    });
    expect(details.calibrations.map((c) => [c.parameter_name, c.parameter_type, c.description])).toEqual([
      ['h_r_baseline', 'numeric', 'Higher due to data maturity'],
      ['ebitda_multiplier', 'numeric', 'Higher AI leverage'],
      ['talent_concentration_threshold', 'threshold', 'Standard threshold'],
      ['position_factor_delta', 'numeric', 'H^R position adjustment'],
      ['governance_minimum', 'threshold', 'Min governance for approval'],
    ]);
  });

  it('loads the configuration as of a day, and keeps every version in the history', async () => {
    const db = seededDb();
    const { repo, clock } = dated(db, '2025-02-10');
    const set = (weight: number, rationale: string) =>
      repo.updateWeights({
        focus_group_id: 'pe_technology',
        weights: [{ dimension_code: 'talent', weight }],
        rationale,
      });
    await set(0.25, 'hiring market');
    clock.today = '2025-05-20';
    await set(0.2, 'cooled down');
    await repo.updateCalibration({
      focus_group_id: 'pe_technology',
      parameter_name: 'ebitda_multiplier',
      value: 1.2,
      rationale: 'AI leverage',
    });

    const on = async (day: string) => await repo.loadSectorConfig('pe_technology', asOf(day));
    expect((await on('2024-06-30')).dimension_weights.talent).toBe(0.22);
    expect((await on('2025-02-09')).dimension_weights.talent).toBe(0.22);
    expect((await on('2025-02-10')).dimension_weights.talent).toBe(0.25);
    expect((await on('2025-05-19')).dimension_weights.talent).toBe(0.25);
    expect((await on('2025-05-19')).ebitda_multiplier).toBe(1.15);
    expect((await on('2025-05-20')).dimension_weights.talent).toBe(0.2);
    expect((await on('2025-05-20')).ebitda_multiplier).toBe(1.2);
    expect((await on('2025-05-20')).as_of).toBe('2025-05-20');
    // Every day has all seven weights, whichever version is in force.
    expect(Object.keys((await on('2025-03-01')).dimension_weights)).toHaveLength(7);
    await expect(repo.loadSectorConfig('pe_technology', asOf('2023-12-31'))).rejects.toThrow(
      expect.objectContaining({
        code: 'NOT_FOUND',
        message: 'Technology had no configuration in force on 2023-12-31: its first version is of 2024-01-01',
      }),
    );
    await expect(repo.loadSectorConfig('pe_technology', asOf('2025-05-21'))).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: '2025-05-21 is in the future: only what was in force up to now is known',
      }),
    );

    const history = await repo.history('pe_technology');
    const talent = history.versions.filter((v) => v.kind === 'weight' && v.key === 'talent');
    expect(talent.map((v) => [v.value, v.effective_from, v.effective_to, v.is_current, v.rationale])).toEqual(
      [
        [0.22, '2024-01-01', '2025-02-10', false, 'Talent is everything'],
        [0.25, '2025-02-10', '2025-05-20', false, 'hiring market'],
        [0.2, '2025-05-20', null, true, 'cooled down'],
      ],
    );
    expect(history.versions.filter((v) => v.kind === 'weight')).toHaveLength(9);
    expect(history.versions.filter((v) => v.kind === 'calibration')).toHaveLength(5);
    expect(history.versions[0]).toMatchObject({ key: 'data_infrastructure', label: 'Data Infrastructure' });
  });

  it('reverts a change as a new dated row and never deletes history', async () => {
    const db = seededDb();
    const { repo, clock } = dated(db, '2025-02-10');
    await repo.updateWeights({
      focus_group_id: 'pe_healthcare',
      weights: [{ dimension_code: 'culture', weight: 0.1 }],
      rationale: 'trial',
    });
    clock.today = '2025-04-01';
    const before = (await repo.history('pe_healthcare')).versions.filter((v) => v.key === 'culture');
    const original = before[0]!;
    await repo.revert({
      focus_group_id: 'pe_healthcare',
      kind: 'weight',
      version_id: original.version_id,
      rationale: 'trial ended',
    });
    const after = (await repo.history('pe_healthcare')).versions.filter((v) => v.key === 'culture');
    expect(after.map((v) => [v.value, v.effective_from, v.effective_to, v.is_current])).toEqual([
      [0.06, '2024-01-01', '2025-02-10', false],
      [0.1, '2025-02-10', '2025-04-01', false],
      [0.06, '2025-04-01', null, true],
    ]);
    expect(after[2]!.rationale).toBe('Reverted to the value of 2024-01-01 (0.060): trial ended');
    expect(SectorConfig.fromJSON(await repo.loadSectorConfig('pe_healthcare')).validateWeightsSum()).toBe(
      true,
    );

    // Reverting to the current version, to a value already current, or to another sector's row: refused.
    const revert = (version_id: number, focus_group_id = 'pe_healthcare') =>
      repo.revert({ focus_group_id, kind: 'weight', version_id, rationale: 'x' });
    await expect(revert(after[2]!.version_id)).rejects.toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    await expect(revert(original.version_id)).rejects.toThrow('The current value is already 0.060');
    await expect(revert(original.version_id, 'pe_energy')).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('refuses values the seed declares out of scale in the database itself (issue 9)', async () => {
    const db = seededDb();
    const repo = testRepository(db);
    const weight = (weight: number) =>
      repo.updateWeights({
        focus_group_id: 'pe_energy',
        weights: [{ dimension_code: 'talent', weight }],
        rationale: 'x',
      });
    await expect(weight(1.5)).rejects.toThrow(/CHECK constraint failed/);
    await expect(weight(0.1234)).rejects.toThrow(/CHECK constraint failed/);
    const calibration = (value: number) =>
      repo.updateCalibration({
        focus_group_id: 'pe_energy',
        parameter_name: 'h_r_baseline',
        value,
        rationale: 'x',
      });
    await expect(calibration(1e6)).rejects.toThrow(/CHECK constraint failed/);
    await expect(calibration(1.23456789)).rejects.toThrow(/CHECK constraint failed/);
    await calibration(68.1234);
    const config = SectorConfig.fromJSON(await repo.loadSectorConfig('pe_energy'));
    expect([config.getDimensionWeight('talent'), config.hRBaseline]).toEqual([0.12, 68.1234]);
    // Any tool writing SQL meets the same CHECK.
    expect(() =>
      db
        .prepare(
          `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, change_set_id)
           VALUES ('pe_energy', 'pe_dim_talent', 0.1234, 1)`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
