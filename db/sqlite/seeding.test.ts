import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { loadReference } from '../core/reference';
import { seedSectorsAndDimensions, seedWeightsAndCalibrations } from './seeding';
import { SEED_EFFECTIVE_FROM } from '../core/seeding';
import { migratedDb, testRepository } from '../test/helpers';

const ref = loadReference();

describe('seeding', () => {
  it('refuses to run before the schema exists, and weights before focus groups', () => {
    expect(() => seedSectorsAndDimensions(openDatabase(':memory:'))).toThrow(
      /initialize the database schema first/,
    );
    expect(() => seedWeightsAndCalibrations(migratedDb())).toThrow(
      /Seed the focus groups and dimensions first/,
    );
  });

  it('writes exactly the reference rows: 7 sectors, 7 dimensions, 49 weights, 30 calibrations', () => {
    const db = migratedDb();
    const first = seedSectorsAndDimensions(db);
    expect(first.tables.map((t) => [t.table, t.added, t.total])).toEqual([
      ['focus_groups', 7, 7],
      ['dimensions', 7, 7],
    ]);
    const second = seedWeightsAndCalibrations(db);
    expect(second.tables.map((t) => [t.table, t.added, t.total])).toEqual([
      ['focus_group_dimension_weights', 49, 49],
      ['focus_group_calibrations', 30, 30],
    ]);

    expect(
      db
        .prepare(
          'SELECT focus_group_id, group_name, group_code, display_order FROM focus_groups ORDER BY display_order',
        )
        .all(),
    ).toEqual(ref.focus_groups);
    expect(
      db
        .prepare(
          'SELECT dimension_id, dimension_name, dimension_code, display_order FROM dimensions ORDER BY display_order',
        )
        .all(),
    ).toEqual(ref.dimensions);

    const weights = db
      .prepare(
        `SELECT focus_group_id, dimension_id, weight, weight_rationale, effective_from, is_current
         FROM focus_group_dimension_weights ORDER BY weight_id`,
      )
      .all();
    expect(weights).toEqual(
      Object.entries(ref.dimension_weights).flatMap(([fg, rows]) =>
        rows.map(([dim, weight, rationale]) => ({
          focus_group_id: fg,
          dimension_id: dim,
          weight: Number(weight),
          weight_rationale: rationale,
          effective_from: SEED_EFFECTIVE_FROM,
          is_current: 1,
        })),
      ),
    );
    // Stored decimals read back without float noise.
    for (const w of weights as { weight: number }[]) expect(String(w.weight)).toMatch(/^0(\.\d{1,2})?$/);

    const calibrations = db
      .prepare(
        `SELECT focus_group_id, parameter_name, parameter_value, parameter_type, description
         FROM focus_group_calibrations ORDER BY calibration_id`,
      )
      .all();
    expect(calibrations).toEqual(
      Object.entries(ref.calibrations).flatMap(([fg, rows]) =>
        rows.map(([name, value, type, description]) => ({
          focus_group_id: fg,
          parameter_name: name,
          parameter_value: Number(value),
          parameter_type: type,
          description,
        })),
      ),
    );
  });

  it('merges: running it again changes nothing and says so', () => {
    const db = migratedDb();
    seedSectorsAndDimensions(db);
    seedWeightsAndCalibrations(db);
    const snapshot = () => [
      db.prepare('SELECT * FROM focus_group_dimension_weights').raw().all(),
      db.prepare('SELECT * FROM focus_group_calibrations').raw().all(),
      db.prepare('SELECT * FROM focus_groups').raw().all(),
    ];
    const before = snapshot();
    const again1 = seedSectorsAndDimensions(db);
    const again2 = seedWeightsAndCalibrations(db);
    expect(again1.tables.map((t) => [t.added, t.found])).toEqual([
      [0, 7],
      [0, 7],
    ]);
    expect(again2.tables.map((t) => [t.added, t.found])).toEqual([
      [0, 49],
      [0, 30],
    ]);
    expect(again2.message).toBe('Nothing to add: all 79 weights and calibrations are already there');
    expect(snapshot()).toEqual(before);
  });

  it('seeds the baseline as one change set per sector, keeps values changed since and names each that differs from the reference', async () => {
    const db = migratedDb();
    seedSectorsAndDimensions(db);
    seedWeightsAndCalibrations(db, { author: 'Seeder' });
    expect(
      db
        .prepare('SELECT focus_group_id, made_at, author, rationale, kind FROM config_change_sets ORDER BY 1')
        .all(),
    ).toEqual(
      ref.focus_groups
        .map((g) => g.focus_group_id)
        .sort()
        .map((focus_group_id) => ({
          focus_group_id,
          made_at: `${SEED_EFFECTIVE_FROM}T00:00:00.000Z`,
          author: 'Seeder',
          rationale: 'Seeded from the reference configuration',
          kind: 'seed',
        })),
    );
    // Values changed since are the analysts': seeding again keeps them and names them.
    await testRepository(db).updateWeights({
      focus_group_id: 'pe_energy',
      weights: [{ dimension_code: 'talent', weight: 0.5 }],
      rationale: 'an analyst',
    });
    db.prepare("UPDATE focus_groups SET group_name = 'Energy' WHERE focus_group_id = 'pe_energy'").run();
    expect(seedSectorsAndDimensions(db).tables[0]).toEqual({
      table: 'focus_groups',
      added: 0,
      found: 7,
      differing: [
        { row: 'pe_energy', column: 'group_name', value: 'Energy', reference: 'Energy & Utilities' },
      ],
      total: 7,
    });
    expect(seedWeightsAndCalibrations(db).message).toBe(
      'Nothing to add: all 79 weights and calibrations are already there; 1 differs from the reference and was kept',
    );
    expect(
      db
        .prepare(
          "SELECT weight FROM focus_group_dimension_weights WHERE focus_group_id = 'pe_energy' AND dimension_id = 'pe_dim_talent' AND is_current = 1",
        )
        .get(),
    ).toEqual({ weight: 0.5 });
    expect(db.prepare("SELECT count(*) FROM config_change_sets WHERE kind = 'seed'").pluck().get()).toBe(7);
  });

  it('each step is one transaction: a failure leaves nothing behind', () => {
    const db = migratedDb();
    const broken = {
      ...ref,
      dimensions: [...ref.dimensions, { ...ref.dimensions[0]!, dimension_id: 'pe_dim_dup' }],
    };
    // The duplicate is on dimension_code, not the key: the message names the row in the way.
    expect(() => seedSectorsAndDimensions(db, broken)).toThrow(
      'Cannot add pe_dim_dup to dimensions: another row already holds one of its unique values; nothing was seeded',
    );
    expect(
      db.prepare('SELECT (SELECT count(*) FROM focus_groups) + (SELECT count(*) FROM dimensions) AS n').get(),
    ).toEqual({
      n: 0,
    });
  });
});
