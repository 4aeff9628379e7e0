import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

// Each call starts the CLI in a process of its own: seconds each on a busy machine, hence the timeouts.
describe("the CLI on the analyst's own organizations", () => {
  beforeAll(() => {
    expect(cli('init').code).toBe(0);
    expect(cli('seed').code).toBe(0);
  }, 60_000);

  it('org add prints the new id; update, show and delete act on it; a bad value is a usage error', () => {
    const added = cli(
      'org',
      'add',
      '--sector',
      'pe_technology',
      '--set',
      'legal_name=Acme',
      '--set',
      'employee_count=1,200',
    );
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const refused = cli('org', 'update', id, '--set', 'employee_count=ten');
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe('error: --set employee_count: Employees must be a whole number\n');

    expect(cli('org', 'update', id, '--set', 'status=archived').code).toBe(0);
    const shown = cli('org', 'show', id, '--format', 'json');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      organization_id: id,
      legal_name: 'Acme',
      employee_count: 1200,
      status: 'archived',
      focus_group_id: 'pe_technology',
    });

    expect(cli('org', 'delete', id)).toMatchObject({ code: 0, stdout: 'Deleted 1 of 1 organizations\n' });
    expect(cli('org', 'show', id)).toMatchObject({ code: 1, stderr: `error: No organization ${id}\n` });
  }, 180_000);

  it('import: --dry-run changes nothing, a refusal exits 1, --valid-rows imports and names the rejected file', () => {
    const file = join(dir.dir, 'in.csv');
    writeFileSync(file, 'legal_name,Sector,Employees\nGood,Technology,"1,200"\nBad,Technology,ten\n');
    const count = () => JSON.parse(cli('status').stdout).organizations as number;
    const before = count();

    const dry = cli('import', file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('row 3, Employees: must be a whole number');
    expect(dry.stdout).toContain('Dry run: nothing changed');
    expect(count()).toBe(before);

    const refused = cli('import', file);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Nothing imported: 1 of 2 rows have problems');
    expect(count()).toBe(before);

    const applied = cli('import', file, '--valid-rows');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Imported: 1 inserted, 0 updated, 0 skipped, 1 rejected');
    const rejected = /Rejected rows and their reasons: (.+)\n/.exec(applied.stdout)?.[1] ?? '';
    expect(existsSync(rejected)).toBe(true);
    expect(readFileSync(rejected, 'utf8')).toContain('row 3: Employees: must be a whole number');
    expect(count()).toBe(before + 1);

    expect(cli('import', file, '--existing', 'maybe').code).toBe(2);
    expect(cli('import', file, '--format', 'xlsx').code).toBe(2);
  }, 180_000);
});
