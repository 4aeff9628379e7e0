import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentChecksum } from '../../db/core/config-share';
import { tempDir } from '../../db/test/helpers';
import type { ConfigDocument } from '../../shared/config-document';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dir = tempDir();
const db = join(dir.dir, 'workbench.db');
const exported = join(dir.dir, 'all.json');
const colleague = join(dir.dir, 'colleague.json');

/** Runs the CLI as a user does, in its own process (each run takes seconds: few of them). */
function cli(...args: string[]) {
  const run = spawnSync(tsx, [join(root, 'electron/cli/main.ts'), '--db', db, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  expect(cli('init').code).toBe(0);
  expect(cli('seed').code).toBe(0);
}, 120_000);
afterAll(() => dir.cleanup());

describe('the configuration commands', () => {
  it.runIf(process.platform !== 'win32')(
    'config-import reads at most 1 MB of any file, and never the open database',
    () => {
      expect(cli('config-import', '/dev/zero')).toMatchObject({
        code: 1,
        stderr: 'error: /dev/zero is larger than 1 MB: not a configuration\n',
      });
      expect(cli('config-import', db)).toMatchObject({
        code: 1,
        stderr: `error: ${db} is a database this app has open, not a configuration\n`,
      });
    },
  );

  it('export every sector, then preview and apply a colleague’s file; a tampered file is refused', () => {
    expect(cli('config-export', '--out', exported)).toMatchObject({
      code: 0,
      stderr: `Exported 7 sectors to ${exported}\n`,
    });
    // A colleague's export: Energy's talent weight raised, a governance minimum for Retail.
    const document = JSON.parse(readFileSync(exported, 'utf8')) as ConfigDocument;
    const energy = document.sectors.find((s) => s.focus_group_id === 'pe_energy')!;
    energy.weights.find((w) => w.dimension_code === 'talent')!.weight = 0.14;
    document.sectors
      .find((s) => s.focus_group_id === 'pe_retail')!
      .calibrations.push({
        parameter_name: 'governance_minimum',
        value: 55,
        parameter_type: 'threshold',
        description: 'Min governance for approval',
        rationale: 'privacy regulation',
      });
    writeFileSync(colleague, JSON.stringify({ ...document, checksum: documentChecksum(document) }, null, 2));

    const differences =
      'Retail & Consumer (pe_retail)\n' +
      '  calibration  governance_minimum  (new)  →  55\n' +
      'Energy & Utilities (pe_energy)\n' +
      '  weight  talent  0.120  →  0.140\n';
    expect(cli('config-import', colleague, '--dry-run')).toMatchObject({
      code: 0,
      stdout: `${differences}Dry run: nothing changed\n`,
    });
    expect(cli('config-import', colleague)).toMatchObject({
      code: 0,
      stdout: `${differences}Applied 2 changes to 2 sectors\n`,
    });

    writeFileSync(colleague, readFileSync(colleague, 'utf8').replace('"weight": 0.14', '"weight": 0.15'));
    expect(cli('config-import', colleague)).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        "error: The file's checksum does not match its contents: it was changed or damaged after export\n",
    });
  }, 120_000);

  it('prints the history as change sets with their times, authors and values, and a configuration as of a day or a moment', () => {
    const table = cli('history', 'pe_energy');
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe('Energy & Utilities (pe_energy)');
    expect(lines[1]).toMatch(/^set\s+made \(UTC\)\s+author\s+kind\s+item\s+change\s+rationale$/);
    expect(table.stdout).toMatch(
      /#\d+\s+2024-01-01 00:00:00\.000\s+\S+\s+seed\s+weight data_infrastructure\s+\(new\) → 0\.220\s+Seeded from the reference configuration\n/,
    );
    expect(table.stdout).toMatch(
      /#\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\s+\S+\s+import\s+weight talent\s+0\.120 → 0\.140\s+Imported from a configuration file exported at/,
    );
    const talent = cli('history', 'pe_energy', '--dimension', 'talent', '--format', 'csv');
    expect(talent.code).toBe(0);
    const rows = talent.stdout.trim().split('\n');
    expect(rows[0]).toBe(
      'change_set_id,made_at,author,kind,reverts,rationale,item_kind,item,label,before,after,version_id',
    );
    expect(rows.slice(1).map((row) => row.split(',').slice(6, 11))).toEqual([
      ['weight', 'talent', 'Talent', '', '0.12'],
      ['weight', 'talent', 'Talent', '0.12', '0.14'],
    ]);

    const then = JSON.parse(cli('config', 'pe_energy', '--as-of', '2024-06-01').stdout) as {
      as_of: string;
      dimension_weights: Record<string, number>;
    };
    expect(then).toMatchObject({ as_of: '2024-06-01', dimension_weights: { talent: 0.12 } });
    // A moment with an offset, read as the UTC instant it names.
    const moment = JSON.parse(cli('config', 'pe_energy', '--as-of', '2024-06-01T09:30:00+02:00').stdout) as {
      as_of: string;
    };
    expect(moment.as_of).toBe('2024-06-01T07:30:00.000Z');
    expect(cli('config', 'pe_energy', '--as-of', '0000-01-01')).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'error: Invalid input for config:get: as_of: must be a day of the years 0001 to 9999\n',
    });
    expect(cli('config', 'pe_energy', '--as-of', '02/30/2025')).toMatchObject({
      code: 2,
      stderr:
        'error: Invalid input for config:get: as_of: write a date YYYY-MM-DD, or a moment YYYY-MM-DDTHH:MM[:SS] with Z or an offset such as +01:00\n',
    });
  }, 120_000);

  it('adds a calibration parameter; an out-of-scale value is a usage error', () => {
    const added = cli(
      'add-calibration',
      'pe_energy',
      'grid_resilience',
      '--type',
      'multiplier',
      '--description',
      'Storm hardening premium',
      '--value',
      '1.05',
      '--rationale',
      'storm season',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ calibrations: { grid_resilience: 1.05 } });
    const refused = cli(
      'add-calibration',
      'pe_energy',
      'grid_resilience_2',
      '--type',
      'multiplier',
      '--description',
      'd',
      '--value',
      '1.23456',
      '--rationale',
      'r',
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "error: option '--value <n>' argument '1.23456' is invalid. --value: At most 4 decimals\n",
    );
  }, 120_000);
});
