import { describe, expect, it } from 'vitest';
import { createConfigRepository } from './config-repo';
import { loadReference } from './reference';
import { migratedDb, seededDb } from './test/helpers';

const ref = loadReference();

describe('config repository', () => {
  it("loads every sector's current weights and calibrations as in the reference", async () => {
    const repo = createConfigRepository(seededDb());
    const codeOf = new Map(ref.dimensions.map((d) => [d.dimension_id, d.dimension_code]));
    for (const group of ref.focus_groups) {
      const json = (await repo.loadSectorConfig(group.focus_group_id)).toJSON();
      expect(json.group_name).toBe(group.group_name);
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
    const fin = (await repo.loadSectorConfig('pe_financial_services')).toJSON();
    expect([
      fin.h_r_baseline,
      fin.ebitda_multiplier,
      fin.position_factor_delta,
      fin.talent_concentration_threshold,
    ]).toEqual([82, 1.1, 0.15, 0.25]);
    expect(JSON.stringify(fin)).not.toMatch(/0000000|9999999/);
  });

  it('answers an unknown sector with NOT_FOUND and an unseeded database with NOT_SEEDED', async () => {
    await expect(createConfigRepository(seededDb()).loadSectorConfig('pe_space')).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'Unknown sector: pe_space' }),
    );
    await expect(createConfigRepository(migratedDb()).loadSectorConfig('pe_energy')).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_SEEDED' }),
    );
  });

  it('updates a weight with a new effective-dated row and closes the old one', async () => {
    const db = seededDb();
    const repo = createConfigRepository(db);
    await repo.updateWeight({
      focus_group_id: 'pe_energy',
      dimension_code: 'talent',
      weight: 0.2,
      rationale: 'scarcer',
    });
    const rows = db
      .prepare(
        `SELECT weight, weight_rationale, effective_from, effective_to, is_current FROM focus_group_dimension_weights
         WHERE focus_group_id = 'pe_energy' AND dimension_id = 'pe_dim_talent' ORDER BY weight_id`,
      )
      .all();
    const today = new Date().toISOString().slice(0, 10);
    expect(rows).toEqual([
      {
        weight: 0.12,
        weight_rationale: 'Talent scarcity',
        effective_from: '2024-01-01',
        effective_to: today,
        is_current: 0,
      },
      { weight: 0.2, weight_rationale: 'scarcer', effective_from: today, effective_to: null, is_current: 1 },
    ]);
    expect((await repo.loadSectorConfig('pe_energy')).getDimensionWeight('talent')).toBe(0.2);
    expect((await repo.loadSectorConfig('pe_energy')).validateWeightsSum()).toBe(false);

    // A second change on the same day revises that day's row.
    await repo.updateWeight({ focus_group_id: 'pe_energy', dimension_code: 'talent', weight: 0.12 });
    expect(
      db
        .prepare("SELECT count(*) AS n FROM focus_group_dimension_weights WHERE focus_group_id = 'pe_energy'")
        .get(),
    ).toEqual({
      n: 8,
    });
    expect((await repo.loadSectorConfig('pe_energy')).validateWeightsSum()).toBe(true);
  });

  it('updates and adds calibrations the same way', async () => {
    const db = seededDb();
    const repo = createConfigRepository(db);
    await repo.updateCalibration({ focus_group_id: 'pe_retail', parameter_name: 'h_r_baseline', value: 77 });
    await repo.updateCalibration({
      focus_group_id: 'pe_retail',
      parameter_name: 'governance_minimum',
      value: 55,
    });
    const config = await repo.loadSectorConfig('pe_retail');
    expect(config.hRBaseline).toBe(77);
    expect(config.calibrations.governance_minimum).toBe(55);
    expect(
      db
        .prepare(
          "SELECT count(*) AS n FROM focus_group_calibrations WHERE focus_group_id = 'pe_retail' AND is_current = 0",
        )
        .get(),
    ).toEqual({ n: 1 });
  });

  it('refuses a weight outside 0..1 in the database and leaves the old row current', async () => {
    const db = seededDb();
    const repo = createConfigRepository(db);
    await expect(
      repo.updateWeight({ focus_group_id: 'pe_energy', dimension_code: 'talent', weight: 1.5 }),
    ).rejects.toThrow(/CHECK constraint failed/);
    await expect(
      repo.updateWeight({ focus_group_id: 'pe_energy', dimension_code: 'nope', weight: 0.1 }),
    ).rejects.toThrow(/Unknown dimension: nope/);
    expect((await repo.loadSectorConfig('pe_energy')).getDimensionWeight('talent')).toBe(0.12);
  });
});
