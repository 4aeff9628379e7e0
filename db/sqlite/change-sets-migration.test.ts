import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { latestVersion } from './migrate';
import { asOf, byAuthor, tempDir } from '../test/helpers';
import { changeSetMigration, migrateBelow, seedBeforeChangeSets } from '../test/legacy';
import { sqliteConfigRepository } from './config-repo';

let cleanup = () => {};
afterEach(() => cleanup());

const versionColumns = {
  focus_group_dimension_weights: 'weight_id',
  focus_group_calibrations: 'calibration_id',
} as const;

/**
 * A file as the app left it before change sets (today's schema on main): the seeded baseline, a
 * weight changed on two days (closed rows), a same-day revision (which that version made in place,
 * so one row), and a calibration added later.
 */
function fileBeforeChangeSets(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  const file = join(t.dir, 'before.db');
  const db = new Database(file);
  migrateBelow(db, changeSetMigration);
  seedBeforeChangeSets(db);
  db.exec(`
    UPDATE focus_group_dimension_weights SET is_current = 0, effective_to = '2025-02-10'
      WHERE focus_group_id = 'pe_technology' AND dimension_id = 'pe_dim_talent';
    INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, effective_from,
      effective_to, is_current)
      VALUES ('pe_technology', 'pe_dim_talent', 0.25, 'hiring market', '2025-02-10', '2025-05-20', 0);
    INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
      VALUES ('pe_technology', 'pe_dim_talent', 0.2, 'cooled down (revised the same day)', '2025-05-20');
    INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, parameter_type,
      description, rationale, effective_from)
      VALUES ('pe_technology', 'audit_floor', 0.5, 'threshold', 'Lowest audit score', 'new rule', '2025-03-01');
  `);
  db.close();
  return file;
}

describe('the change-set migration (issue 24)', () => {
  it('makes each existing row its own change set: author unknown, made at midnight UTC of its date', () => {
    const file = fileBeforeChangeSets();
    const before = new Database(file, { readonly: true });
    const rowsBefore = Object.fromEntries(
      Object.entries(versionColumns).map(([table, key]) => [
        table,
        before.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all() as Record<string, unknown>[],
      ]),
    );
    before.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const [table, key] of Object.entries(versionColumns)) {
      // Every row is kept value for value...
      const after = db.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all() as Record<string, unknown>[];
      expect(after.map(({ change_set_id: _, ...row }) => row)).toEqual(rowsBefore[table]);
      // ...in a change set of its own that says what the row knew.
      const why = table === 'focus_group_calibrations' ? 'v.rationale' : 'v.weight_rationale';
      const sets = db
        .prepare(
          `SELECT v.effective_from AS day, v.focus_group_id AS sector, ${why} AS row_rationale,
             s.focus_group_id, s.made_at, s.author, s.kind, s.rationale
           FROM ${table} v JOIN config_change_sets s USING (change_set_id)`,
        )
        .all() as { day: string; sector: string; row_rationale: string | null }[];
      for (const set of sets) {
        expect(set).toMatchObject({
          focus_group_id: set.sector,
          made_at: `${set.day}T00:00:00.000Z`,
          author: null,
          kind: 'migrated',
          rationale: set.row_rationale,
        });
      }
    }
    const rows =
      (db.prepare('SELECT count(*) FROM focus_group_dimension_weights').pluck().get() as number) +
      (db.prepare('SELECT count(*) FROM focus_group_calibrations').pluck().get() as number);
    expect(db.prepare('SELECT count(*) FROM config_change_sets').pluck().get()).toBe(rows);
    db.close();
  });

  it('reads the same history and as-of days afterwards, and change sets from then on', async () => {
    const db = openDatabase(fileBeforeChangeSets());
    const repo = byAuthor(sqliteConfigRepository(db, { now: () => '2025-06-01T09:30:00.000Z' }));
    const history = await repo.history('pe_technology');
    const talent = history.change_sets.flatMap((set) =>
      set.changes.filter((c) => c.key === 'talent').map((c) => [set.made_at, set.author, c.before, c.after]),
    );
    expect(talent).toEqual([
      ['2024-01-01T00:00:00.000Z', null, null, 0.22],
      ['2025-02-10T00:00:00.000Z', null, 0.22, 0.25],
      ['2025-05-20T00:00:00.000Z', null, 0.25, 0.2],
    ]);
    // In order: change set ids follow the days the rows took effect.
    const times = history.change_sets.map((set) => set.made_at);
    expect([...times].sort()).toEqual(times);
    for (const [day, talentThen, audit] of [
      ['2025-02-09', 0.22, undefined],
      ['2025-02-10', 0.25, undefined],
      ['2025-03-01', 0.25, 0.5],
      ['2025-05-20', 0.2, 0.5],
    ] as const) {
      const config = await repo.loadSectorConfig('pe_technology', asOf(day));
      expect([config.dimension_weights.talent, config.calibrations.audit_floor], day).toEqual([
        talentThen,
        audit,
      ]);
    }

    await repo.updateWeights({
      focus_group_id: 'pe_technology',
      weights: [{ dimension_code: 'talent', weight: 0.21 }],
      rationale: 'after the upgrade',
    });
    const last = (await repo.history('pe_technology')).change_sets.at(-1);
    expect(last).toMatchObject({
      made_at: '2025-06-01T09:30:00.000Z',
      author: 'Test Analyst',
      kind: 'edit',
      changes: [expect.objectContaining({ key: 'talent', before: 0.2, after: 0.21 })],
    });
    expect(() => db.prepare('DELETE FROM config_change_sets').run()).toThrow(/history is kept/);
    db.close();
  });
});
