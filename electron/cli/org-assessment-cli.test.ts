import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test/helpers';

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

const codes = [
  'data_infrastructure',
  'ai_governance',
  'technology_stack',
  'talent',
  'leadership',
  'use_case_portfolio',
  'culture',
];
const scores = (value: string) => codes.flatMap((c) => ['--score', `${c}=${value}`]);

// Each call starts the CLI in a process of its own: seconds each on a busy machine, hence the timeouts.
describe('the CLI enters and imports assessments with the organization', () => {
  beforeAll(() => {
    expect(cli('init').code).toBe(0);
    expect(cli('seed').code).toBe(0);
  }, 60_000);

  it('org add takes --score, --tc and --assessed-on; update changes them; --no-assessment removes it', () => {
    const partial = cli(
      'org',
      'add',
      '--sector',
      'pe_energy',
      '--set',
      'legal_name=Half',
      '--score',
      'talent=50',
    );
    expect(partial).toMatchObject({ code: 2, stdout: '' });
    expect(partial.stderr).toMatch(
      /^error: .+ is required: an assessment has all 7 dimension scores, TC and the date/,
    );
    expect(
      cli('org', 'add', '--sector', 'pe_energy', '--set', 'legal_name=X', '--score', 'talent=50.123').stderr,
    ).toBe('error: --score talent: Talent has too many decimals: at most 2\n');
    expect(cli('org', 'add', '--sector', 'pe_energy', '--score', 'vision=50').stderr).toMatch(
      /^error: --score vision: no such dimension \(one of data_infrastructure, /,
    );

    const added = cli(
      'org',
      'add',
      '--sector',
      'pe_energy',
      '--set',
      'legal_name=Gridco',
      ...scores('70'),
      '--tc',
      '0.1',
    );
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    const shown = JSON.parse(cli('org', 'show', id).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ talent: 70, talent_concentration: 0.1 });
    expect(shown.assessed_on).toBe(new Date().toISOString().slice(0, 10));
    expect(JSON.parse(cli('score', id, '--format', 'json').stdout)).toMatchObject({ vr: 70 });

    const updated = cli('org', 'update', id, '--score', 'culture=10', '--assessed-on', '2026-01-31');
    expect(JSON.parse(updated.stdout)).toMatchObject({ culture: 10, talent: 70, assessed_on: '2026-01-31' });
    expect(JSON.parse(cli('org', 'update', id, '--no-assessment').stdout)).toMatchObject({
      culture: null,
      talent_concentration: null,
    });
    expect(cli('score', id).code).toBe(1);
  }, 120_000);

  it('import reads the assessment columns and says why a partial row is refused', () => {
    const file = join(dir.dir, 'assessed.csv');
    writeFileSync(
      file,
      [
        ['legal_name', 'focus_group_id', ...codes, 'talent_concentration', 'assessed_on'].join(','),
        ['Whole', 'pe_energy', ...codes.map(() => '55'), '0.25', '2026-06-30'].join(','),
        ['Half', 'pe_energy', ...codes.map((_, i) => (i < 3 ? '55' : '')), '', ''].join(','),
      ].join('\n'),
    );
    const dry = cli('import', file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(
      'row 3, talent, leadership, use_case_portfolio, culture, talent_concentration, assessed_on: are required: an assessment has all 7 dimension scores, TC and the date, or none of them',
    );
    expect(dry.stdout).toContain('2 rows: 1 valid (1 new, 0 to update, 0 to skip), 1 with problems');
    const applied = cli('import', file, '--valid-rows');
    expect(applied.stdout).toContain('Imported: 1 inserted, 0 updated, 0 skipped, 1 rejected');
    const ranked = cli('rank', '--sector', 'pe_energy', '--format', 'json').stdout;
    expect(JSON.parse(ranked)).toMatchObject({ assessed: 1 });
    expect(ranked).toContain('"legal_name": "Whole"');
  }, 120_000);
});
