import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test/helpers';
import { latestVersion, migrations } from '../../db/sqlite/migrate';
import { loadReference } from '../../db/core/reference';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dir = tempDir();
const db = join(dir.dir, 'lab.db');

/** Runs the CLI as a user does, in its own process. */
function cli(...args: string[]) {
  const run = spawnSync(tsx, [join(root, 'electron/cli/main.ts'), '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SECTOR_STUDIO_DB: join(dir.dir, 'unused.db') },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => dir.cleanup());

describe('the CLI on a new file', () => {
  const steps: Record<string, ReturnType<typeof cli>> = {};
  beforeAll(() => {
    steps.init1 = cli('init');
    steps.init2 = cli('init');
    steps.seed1 = cli('seed');
    steps.seed2 = cli('seed');
    steps.orgs = cli('seed-orgs', '--count', '21', '--seed', '7');
  }, 60_000);

  it('init, init, seed, seed: the second of each changes nothing and says so', () => {
    const all = migrations().map((m) => m.version);
    expect(steps.init1).toMatchObject({
      code: 0,
      stdout: `Applied migrations ${all.join(', ')}; schema at version ${latestVersion()}\n`,
    });
    expect(steps.init2).toMatchObject({
      code: 0,
      stdout: `Schema already at version ${latestVersion()}; nothing to do\n`,
    });
    expect(steps.seed1!.code).toBe(0);
    expect(steps.seed1!.stdout).toBe(
      'Seeded focus groups and dimensions: 7 focus groups added, 0 found; 7 dimensions added, 0 found\n' +
        'Seeded weights and calibrations: 49 weights added, 0 found; 30 calibrations added, 0 found\n',
    );
    expect(steps.seed2!.stdout).toBe(
      'Nothing to add: all 14 focus groups and dimensions are already there\n' +
        'Nothing to add: all 79 weights and calibrations are already there\n',
    );
    expect(steps.orgs).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Inserted 21 organizations \(seed 7\)/),
    });
  });

  it('leaves a file any SQLite tool reads as exactly the reference rows', () => {
    const other = new Database(db, { readonly: true });
    const count = (table: string) =>
      (other.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([
      count('focus_groups'),
      count('dimensions'),
      count('focus_group_dimension_weights'),
      count('focus_group_calibrations'),
    ]).toEqual([7, 7, 49, 30]);
    expect(
      other
        .prepare(
          "SELECT weight FROM focus_group_dimension_weights WHERE focus_group_id = 'pe_manufacturing' AND dimension_id = 'pe_dim_data_infra'",
        )
        .get(),
    ).toEqual({ weight: 0.22 });
    expect(() => other.prepare('UPDATE focus_group_dimension_weights SET weight = 1.5').run()).toThrow();
    other.close();
    const writer = new Database(db);
    expect(() =>
      writer.prepare('UPDATE focus_group_dimension_weights SET weight = 0.5 WHERE weight_id = 1').run(),
    ).toThrow(/configuration history is kept/);
    writer.exec('BEGIN');
    const changeSet = writer
      .prepare(
        `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
         VALUES ('pe_energy', '2025-01-01T00:00:00.000Z', 'a script', 'test', 'edit') RETURNING change_set_id`,
      )
      .pluck()
      .get();
    expect(() =>
      writer
        .prepare(
          `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, is_current, change_set_id)
           VALUES ('pe_energy', 'pe_dim_talent', 1.5, 0, ?)`,
        )
        .run(changeSet),
    ).toThrow(/CHECK constraint failed/);
    writer.exec('ROLLBACK');
    expect(() => writer.prepare("UPDATE organizations SET status = 'bogus'").run()).toThrow(
      /CHECK constraint failed/,
    );
    writer.close();
  });

  it('prints sectors and a SectorConfig as JSON', () => {
    const sectors = cli('sectors');
    expect(sectors.code).toBe(0);
    expect((JSON.parse(sectors.stdout) as { focus_group_id: string }[]).map((s) => s.focus_group_id)).toEqual(
      loadReference().focus_groups.map((g) => g.focus_group_id),
    );
    const config = cli('config', 'pe_financial_services');
    expect(config.code).toBe(0);
    expect(JSON.parse(config.stdout)).toMatchObject({
      focus_group_id: 'pe_financial_services',
      group_name: 'Financial Services',
      h_r_baseline: 82,
      ebitda_multiplier: 1.1,
      position_factor_delta: 0.15,
      talent_concentration_threshold: 0.25,
      weights_sum: 1,
      weights_valid: true,
      dimension_weights: { ai_governance: 0.22 },
    });
    expect(config.stdout).not.toMatch(/\d\.\d*0000000|9999999/);
  });

  it('prints organizations as JSON rows keyed by the view columns, CSV or a table', () => {
    const json = cli('orgs', '--sector', 'pe_energy', '--limit', '2', '--offset', '1');
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      focus_group_id: 'pe_energy',
      sector_name: 'Energy & Utilities',
      plant_count: null,
    });
    expect(Array.isArray(rows[0]!.scada_systems)).toBe(true);
    expect(typeof rows[0]!.regulated).toBe('boolean');

    const csv = cli('orgs', '--limit', '3', '--format', 'csv').stdout.trim().split('\n');
    expect(csv[0]).toMatch(/^organization_id,legal_name,/);
    expect(csv).toHaveLength(4);
    const table = cli('orgs', '--limit', '3', '--format', 'table').stdout;
    expect(table).toMatch(/^legal_name\s+sector_name\s+status/);
    expect(table).toMatch(/\(3 of 21\)\n$/);
  });

  it("includes each organization's assessment and its Org-AI-R scores, those of `score`", () => {
    // An assessment changed by another tool just before: the CLI shows the scores it gives now.
    const file = new Database(db);
    file
      .prepare(
        `UPDATE organization_dimension_scores SET score = 0 WHERE organization_id =
           (SELECT organization_id FROM organizations WHERE focus_group_id = 'pe_energy' ORDER BY legal_name LIMIT 1)`,
      )
      .run();
    file.close();
    const rows = JSON.parse(cli('orgs', '--sector', 'pe_energy').stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const score = JSON.parse(
        cli('score', row.organization_id as string, '--format', 'json').stdout,
      ) as Record<string, number>;
      expect([row.vr, row.hr, row.synergy, row.org_air]).toEqual([
        score.vr,
        score.hr,
        score.synergy,
        score.org_air,
      ]);
      expect(row.talent_concentration).toBe(
        (score.inputs as unknown as Record<string, number>).talent_concentration,
      );
      expect(typeof row.data_infrastructure).toBe('number');
      expect(row.assessed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const table = cli('orgs', '--sector', 'pe_energy', '--format', 'table').stdout;
    expect(table).toMatch(/org_air\n/);
    expect(table).toMatch(/ \d+\.\d\d\n/);

    const out = join(dir.dir, 'energy.csv');
    expect(cli('export', '--sector', 'pe_energy', '--out', out).code).toBe(0);
    const [header, first] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header).toMatch(/,data_infrastructure,.*,talent_concentration,assessed_on,vr,hr,synergy,org_air$/);
    expect(Number(first?.split(',').at(-1))).toBe(rows[0]?.org_air);
  });

  it('exports CSV to a file', () => {
    const out = join(dir.dir, 'healthcare.csv');
    const run = cli('export', '--format', 'csv', '--sector', 'pe_healthcare', '--out', out);
    expect(run).toMatchObject({ code: 0, stderr: `Exported 3 organizations to ${out}\n` });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('exports a part of the view: --start, --limit, and the screen labels with --labels', () => {
    const whole = join(dir.dir, 'whole.csv');
    const part = join(dir.dir, 'part.csv');
    expect(cli('export', '--sort', 'employee_count', '--dir', 'desc', '--out', whole).code).toBe(0);
    const run = cli(
      'export',
      ...[
        '--sort',
        'employee_count',
        '--dir',
        'desc',
        '--start',
        '5',
        '--limit',
        '4',
        '--labels',
        '--out',
        part,
      ],
    );
    expect(run).toMatchObject({ code: 0, stderr: `Exported 4 organizations to ${part}\n` });
    const [, ...rows] = readFileSync(whole, 'utf8').trim().split('\n');
    const [header, ...partRows] = readFileSync(part, 'utf8').trim().split('\n');
    expect(header).toMatch(/^Organization ID,Legal name,/);
    expect(partRows.map((row) => row.split(',')[0])).toEqual(
      rows.slice(5, 9).map((row) => row.split(',')[0]),
    );
  });
});

describe('CLI errors: one line on stderr, non-zero exit, nothing written', () => {
  it.each([
    [['config', 'pe_space'], 1, 'error: Unknown sector: pe_space\n'],
    [['orgs', '--sector', 'pe_space'], 1, 'error: Unknown sector: pe_space\n'],
    [
      ['config', 'manufacturing'],
      2,
      'error: Invalid input for config:get: focus_group_id: a focus group id looks like pe_manufacturing\n',
    ],
  ])('%j', (args, code, message) => {
    expect(cli(...args)).toMatchObject({ code, stdout: '', stderr: message });
  });

  it('a usage error', () => {
    const run = cli('orgs', '--limit', '0');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('no schema yet, a missing file, a file that is not a database', () => {
    const fresh = join(dir.dir, 'fresh.db');
    new Database(fresh).close();
    const noSchema = spawnSync(tsx, [join(root, 'electron/cli/main.ts'), '--db', fresh, 'seed'], {
      encoding: 'utf8',
    });
    expect(noSchema.status).toBe(1);
    expect(noSchema.stderr).toBe(
      'error: The database has no schema yet: initialize the database schema first\n',
    );

    const missing = join(dir.dir, 'missing.db');
    const run = spawnSync(tsx, [join(root, 'electron/cli/main.ts'), '--db', missing, 'sectors'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: Database file does not exist: ${missing} (run "init" first)\n`);

    const garbage = join(dir.dir, 'garbage.db');
    writeFileSync(garbage, 'not a database '.repeat(100));
    const bad = spawnSync(tsx, [join(root, 'electron/cli/main.ts'), '--db', garbage, 'seed'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(`error: Cannot open ${garbage} as a SQLite database: file is not a database\n`);
    expect(readFileSync(garbage, 'utf8')).toBe('not a database '.repeat(100));
  });
});
