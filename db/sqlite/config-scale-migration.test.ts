import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrate';
import { tempDir } from '../test/helpers';
import { seedBeforeChangeSets } from '../test/legacy';

let cleanup = () => {};
afterEach(() => cleanup());

const scaleMigration = migrations().findIndex((m) => m.name.endsWith('_config_decimal_scale.sql')) + 1;
const tables = ['focus_group_dimension_weights', 'focus_group_calibrations'];

/** A file exactly as the version before the scale migration leaves it, with the data it allowed. */
function fileBefore(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  const file = join(t.dir, 'before.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const m of migrations().slice(0, scaleMigration - 1)) {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
  seedBeforeChangeSets(db);
  // What the previous version let through: a weight of 0.1234, a calibration of 1.23456789, a
  // bogus parameter name, and a history of closed rows.
  db.exec(`
    UPDATE focus_group_dimension_weights SET is_current = 0, effective_to = '2025-01-01'
      WHERE focus_group_id = 'pe_energy' AND dimension_id = 'pe_dim_talent';
    INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
      VALUES ('pe_energy', 'pe_dim_talent', 0.1234, 'typed too many decimals', '2025-01-01');
    UPDATE focus_group_calibrations SET parameter_value = 1.23456789
      WHERE focus_group_id = 'pe_retail' AND parameter_name = 'ebitda_multiplier';
    INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, effective_from)
      VALUES ('pe_retail', 'bogus_param', 1, '2025-01-01');
  `);
  db.close();
  return file;
}

function schemaOf(db: Database.Database, type: 'index' | 'trigger') {
  return db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = ? AND tbl_name IN (${tables.map(() => '?').join(', ')})
       ORDER BY name`,
    )
    .all(type, ...tables);
}

describe('the decimal-scale migration', () => {
  it('keeps every row, rounds values to the declared scale and recreates indexes and triggers', () => {
    const file = fileBefore();
    const before = new Database(file, { readonly: true });
    const weightsBefore = before
      .prepare('SELECT * FROM focus_group_dimension_weights ORDER BY weight_id')
      .all();
    const calibrationsBefore = before
      .prepare('SELECT * FROM focus_group_calibrations ORDER BY calibration_id')
      .all() as Record<string, unknown>[];
    const indexes = schemaOf(before, 'index');
    const triggers = schemaOf(before, 'trigger');
    const changesBefore = before.prepare('SELECT max(seq) AS seq FROM config_changes').get() as {
      seq: number;
    };
    before.close();
    expect(triggers).toHaveLength(6);
    expect(indexes.length).toBeGreaterThanOrEqual(4);

    // This migration on its own: later ones (change sets) have their own test.
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    const migration = migrations()[scaleMigration - 1]!;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    const weightsAfter = db.prepare('SELECT * FROM focus_group_dimension_weights ORDER BY weight_id').all();
    expect(weightsAfter).toEqual(
      (weightsBefore as { weight: number }[]).map((row) => ({
        ...row,
        weight: row.weight === 0.1234 ? 0.123 : row.weight,
      })),
    );
    const calibrationsAfter = db
      .prepare('SELECT * FROM focus_group_calibrations ORDER BY calibration_id')
      .all();
    expect(calibrationsAfter).toEqual(
      calibrationsBefore.map((row) => ({
        ...row,
        parameter_value: row.parameter_value === 1.23456789 ? 1.2346 : row.parameter_value,
        rationale: null,
      })),
    );
    expect(schemaOf(db, 'index')).toEqual(indexes);
    expect(schemaOf(db, 'trigger')).toEqual(triggers);

    // Running instances are told to drop every cached sector...
    expect(
      db.prepare('SELECT focus_group_id FROM config_changes WHERE seq > ?').all(changesBefore.seq),
    ).toEqual([{ focus_group_id: null }]);
    // ...the triggers still log each change...
    db.prepare(
      "UPDATE focus_group_calibrations SET parameter_value = 2 WHERE parameter_name = 'bogus_param'",
    ).run();
    expect(db.prepare('SELECT focus_group_id FROM config_changes ORDER BY seq DESC LIMIT 1').get()).toEqual({
      focus_group_id: 'pe_retail',
    });
    // ...and the scale is enforced from now on.
    expect(() =>
      db.prepare('UPDATE focus_group_dimension_weights SET weight = 0.1234 WHERE weight_id = 1').run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      db
        .prepare('UPDATE focus_group_calibrations SET parameter_value = 0.12345 WHERE calibration_id = 1')
        .run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, effective_from)
           VALUES ('pe_energy', 'pe_dim_talent', 0.2, '2025-06-01')`,
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
