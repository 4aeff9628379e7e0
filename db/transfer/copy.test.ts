import { linkSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../sqlite/connection';
import { migrate } from '../sqlite/migrate';
import { sqliteConfigRepository } from '../sqlite/config-repo';
import { insertSamples } from '../sqlite/sample-orgs';
import { seedSectorsAndDimensions, seedWeightsAndCalibrations } from '../sqlite/seeding';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../test-support/pg-server';
import { toErrorValue } from '../core/errors';
import { copyDatabase } from './copy';

const availability = postgresAvailability();
let server: RunningPostgres | undefined;
let dir = '';
let lab = '';
let databases = 0;

/** A laptop database with organizations and a configuration that has history. */
async function makeLab(file: string): Promise<void> {
  const db = openDatabase(file);
  migrate(db);
  seedSectorsAndDimensions(db);
  seedWeightsAndCalibrations(db);
  await insertSamples(db, { count: 700, seed: 7 });
  const configs = sqliteConfigRepository(db);
  await configs.updateCalibration({
    focus_group_id: 'pe_energy',
    parameter_name: 'ebitda_multiplier',
    value: 1.2345,
    rationale: 'Grid modernisation premium',
    author: 'Copy Tester',
  });
  db.close();
}

describe.skipIf(!availability.available)('copy between a laptop file and PostgreSQL', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sector-studio-copy-'));
    lab = join(dir, 'lab.db');
    await makeLab(lab);
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const newPg = () => {
    if (!server) throw new Error('no server');
    return server.createDatabase(`copy_${++databases}`);
  };

  it('moves every table to PostgreSQL and back, verified by counts and checksums', async () => {
    const team = await newPg();
    const progress: number[] = [];
    const there = await copyDatabase(lab, team, { onProgress: (done) => progress.push(done) });
    const back = await copyDatabase(team, join(dir, 'back.db'));
    const rows = Object.fromEntries(there.tables.map((t) => [t.table, t.rows]));
    expect(rows).toMatchObject({
      focus_groups: 7,
      dimensions: 7,
      focus_group_calibrations: 31,
      organizations: 700,
    });
    expect(rows.focus_group_dimension_weights).toBe(49);
    const attributeRows = there.tables
      .filter((t) => t.table.startsWith('org_attributes_'))
      .reduce((n, t) => n + t.rows, 0);
    expect(attributeRows).toBe(700);
    // The same checksums on all three: the file, PostgreSQL, and the file made from PostgreSQL.
    expect(back.tables).toEqual(there.tables);
    expect(there.to).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/copy_1$/);
    expect(progress.at(-1)).toBe(there.tables.reduce((n, t) => n + t.rows, 0));
  });

  it('refuses a target that holds data unless asked to replace it, and then replaces it', async () => {
    const team = await newPg();
    await copyDatabase(lab, team);
    await expect(copyDatabase(lab, team)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already holds data .*--replace/),
    });
    const replaced = await copyDatabase(lab, team, { replace: true });
    expect(replaced.tables.find((t) => t.table === 'organizations')?.rows).toBe(700);
  });

  it('a cancelled copy leaves the target as it was', async () => {
    const team = await newPg();
    const controller = new AbortController();
    await expect(
      copyDatabase(lab, team, {
        signal: controller.signal,
        onProgress: (done) => done > 0 && controller.abort(),
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    const again = await copyDatabase(lab, team);
    expect(again.tables.find((t) => t.table === 'organizations')?.rows).toBe(700);
  });

  it('new configuration rows on PostgreSQL continue after the copied ids', async () => {
    const team = await newPg();
    await copyDatabase(lab, team);
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: team });
    await client.connect();
    try {
      const set = await client.query<{ id: number }>(
        `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
         VALUES ('pe_retail', now(), 'a script', 'test', 'edit') RETURNING change_set_id AS id`,
      );
      // 79 seeded values in 7 seed change sets, and one edit.
      expect(set.rows[0]?.id).toBe(9);
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, change_set_id)
         VALUES ('pe_retail', 'new_parameter', 1, $1) RETURNING calibration_id AS id`,
        [set.rows[0]?.id],
      );
      expect(rows[0]?.id).toBe(32);
    } finally {
      await client.end();
    }
  });

  it('refuses at once a file target that is its source under another path', async () => {
    const hardLink = join(dir, 'hard-link.db');
    const symbolic = join(dir, 'symbolic.db');
    linkSync(lab, hardLink);
    symlinkSync(lab, symbolic);
    try {
      for (const other of [hardLink, symbolic, relative(process.cwd(), lab), `${dir}/./lab.db`]) {
        await expect(copyDatabase(lab, other, { replace: true })).rejects.toMatchObject({
          code: 'INVALID_INPUT',
          message: `${other} is the same database as ${lab}: copy needs two different databases`,
        });
      }
    } finally {
      rmSync(hardLink);
      rmSync(symbolic);
    }
  });

  it('refuses a server target that is its source, also for a role that may not read the server id', async () => {
    if (!server) throw new Error('no server');
    const team = await newPg();
    await copyDatabase(lab, team);
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: team });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE plain LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO plain;
        REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC`);
    } finally {
      await admin.end();
    }
    const alias = `postgresql:///${new URL(team).pathname.slice(1)}?host=${encodeURIComponent(server.socketDir)}&port=${server.port}&user=studio`;
    const asPlain = team.replace('studio@', 'plain@');
    for (const [from, to] of [
      [team, alias],
      [asPlain, team],
    ] as const) {
      await expect(copyDatabase(from, to, { replace: true })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(
          /^PostgreSQL at .* is the same database as PostgreSQL at .*: copy needs two different databases$/,
        ),
      });
    }
    // Another database of the same server is another database.
    const other = await newPg();
    const report = await copyDatabase(asPlain, other);
    expect(report.tables.find((t) => t.table === 'organizations')?.rows).toBe(700);
  });

  it('a failed copy into a new file leaves no file behind and says why in a sentence of its own', async () => {
    // A source holding a weight its own schema refuses (written with the checks switched off).
    const bad = join(dir, 'bad.db');
    await copyDatabase(lab, bad);
    const db = openDatabase(bad);
    db.pragma('ignore_check_constraints = ON');
    const set = db
      .prepare(
        `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
         VALUES ('pe_energy', '2025-01-01T00:00:00.000Z', 'a script', 'test', 'edit') RETURNING change_set_id`,
      )
      .pluck()
      .get();
    db.prepare(
      `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, is_current, change_set_id)
       VALUES ('pe_energy', 'pe_dim_talent', 5, 0, ?)`,
    ).run(set);
    db.close();
    const before = readdirSync(dir);
    const error = await copyDatabase(bad, join(dir, 'new.db')).catch((e: unknown) => e);
    expect(readdirSync(dir)).toEqual(before);
    expect(toErrorValue(error)).toEqual({
      code: 'CONSTRAINT',
      message: 'The database refused a value outside what the column allows',
    });
  });
});
