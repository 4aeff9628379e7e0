import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../test-support/pg-server';
import { loadReference } from '../core/reference';
import { seedRows } from '../core/seeding';
import { asOf, byAuthor } from '../test/helpers';
import { pgConfigRepository } from './config-repo';
import { pgMigrate, pgMigrations, pgSchemaVersion } from './migrate';
import { typeParsers } from './pool';
import { pgSeedSectorsDimensions } from './seeding';

const availability = postgresAvailability();
const changeSetMigration = pgMigrations().findIndex((m) => m.name.endsWith('_change_sets.sql')) + 1;

/**
 * A database as the app left it before change sets (today's schema on main): the migrations below
 * it with their tracking rows, the seeded baseline as plain rows, a weight changed on two days and a
 * calibration added later.
 */
async function databaseBeforeChangeSets(pool: pg.Pool): Promise<void> {
  await pool.query(`CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT NOW())`);
  for (const m of pgMigrations().slice(0, changeSetMigration - 1)) {
    await pool.query(m.sql);
    await pool.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
  }
  await pgSeedSectorsDimensions(pool);
  const { focus_group_dimension_weights: weights, focus_group_calibrations: calibrations } =
    seedRows(loadReference());
  for (const w of weights) {
    await pool.query(
      `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
       VALUES ($1, $2, $3, $4, $5)`,
      [w.focus_group_id, w.dimension_id, w.weight, w.weight_rationale, w.effective_from],
    );
  }
  for (const c of calibrations) {
    await pool.query(
      `INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, parameter_type,
         description, effective_from) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        c.focus_group_id,
        c.parameter_name,
        c.parameter_value,
        c.parameter_type,
        c.description,
        c.effective_from,
      ],
    );
  }
  await pool.query(`
    UPDATE focus_group_dimension_weights SET is_current = FALSE, effective_to = '2025-02-10'
      WHERE focus_group_id = 'pe_technology' AND dimension_id = 'pe_dim_talent';
    INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale,
      effective_from, effective_to, is_current)
      VALUES ('pe_technology', 'pe_dim_talent', 0.25, 'hiring market', '2025-02-10', '2025-05-20', FALSE);
    INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
      VALUES ('pe_technology', 'pe_dim_talent', 0.2, 'cooled down', '2025-05-20');
    INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, parameter_type,
      description, rationale, effective_from)
      VALUES ('pe_technology', 'audit_floor', 0.5, 'threshold', 'Lowest audit score', 'new rule', '2025-03-01');`);
}

describe.skipIf(!availability.available)('the change-set migration on PostgreSQL (issue 24)', () => {
  let server: RunningPostgres | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('makes each existing row its own change set, keeps the history and as-of days, and guards them', async () => {
    if (!server) throw new Error('PostgreSQL did not start');
    const url = await server.createDatabase('before_change_sets');
    const pool = new pg.Pool({ connectionString: url, types: typeParsers, options: '-c TimeZone=UTC' });
    try {
      await databaseBeforeChangeSets(pool);
      const versions = `SELECT count(*)::int AS n FROM (SELECT weight_id FROM focus_group_dimension_weights
        UNION ALL SELECT calibration_id FROM focus_group_calibrations) v`;
      const rows = (await pool.query<{ n: number }>(versions)).rows[0]?.n;
      const weightsBefore = (
        await pool.query('SELECT * FROM focus_group_dimension_weights ORDER BY weight_id')
      ).rows as Record<string, unknown>[];

      await pgMigrate(pool);
      expect(await pgSchemaVersion(pool)).toBe(pgMigrations().length);
      const weightsAfter = (
        await pool.query('SELECT * FROM focus_group_dimension_weights ORDER BY weight_id')
      ).rows as Record<string, unknown>[];
      expect(weightsAfter.map(({ change_set_id: _, ...row }) => row)).toEqual(weightsBefore);
      const sets = await pool.query(
        `SELECT s.made_at, s.author, s.kind, s.rationale, v.day, v.why FROM config_change_sets s JOIN (
           SELECT change_set_id, effective_from AS day, weight_rationale AS why FROM focus_group_dimension_weights
           UNION ALL SELECT change_set_id, effective_from, rationale FROM focus_group_calibrations) v USING (change_set_id)`,
      );
      expect(sets.rows).toHaveLength(rows ?? -1);
      for (const set of sets.rows as { day: string; why: string | null }[]) {
        expect(set).toMatchObject({
          made_at: `${set.day}T00:00:00.000Z`,
          author: null,
          kind: 'migrated',
          rationale: set.why,
        });
      }

      const repo = byAuthor(pgConfigRepository(pool, { now: () => '2025-06-01T09:30:00.000Z' }));
      const history = await repo.history('pe_technology');
      expect(
        history.change_sets.flatMap((set) =>
          set.changes.filter((c) => c.key === 'talent').map((c) => [set.made_at, c.before, c.after]),
        ),
      ).toEqual([
        ['2024-01-01T00:00:00.000Z', null, 0.22],
        ['2025-02-10T00:00:00.000Z', 0.22, 0.25],
        ['2025-05-20T00:00:00.000Z', 0.25, 0.2],
      ]);
      for (const [day, talent, audit] of [
        ['2025-02-09', 0.22, undefined],
        ['2025-03-01', 0.25, 0.5],
        ['2025-05-20', 0.2, 0.5],
      ] as const) {
        const config = await repo.loadSectorConfig('pe_technology', asOf(day));
        expect([config.dimension_weights.talent, config.calibrations.audit_floor], day).toEqual([
          talent,
          audit,
        ]);
      }
      // A second change on one day is a version of its own now that the day's UNIQUE is gone.
      for (const weight of [0.21, 0.22]) {
        await repo.updateWeights({
          focus_group_id: 'pe_technology',
          weights: [{ dimension_code: 'talent', weight }],
          rationale: `to ${weight}`,
        });
      }
      const after = await repo.history('pe_technology');
      expect(after.change_sets.slice(-2).map((set) => [set.rationale, set.author])).toEqual([
        ['to 0.21', 'Test Analyst'],
        ['to 0.22', 'Test Analyst'],
      ]);
      await expect(pool.query('DELETE FROM config_change_sets')).rejects.toThrow(/history is kept/);
      await expect(pool.query('UPDATE focus_group_calibrations SET parameter_value = 1')).rejects.toThrow(
        /history is kept/,
      );
    } finally {
      await pool.end();
    }
  });
});
