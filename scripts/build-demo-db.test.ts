import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { latestVersion } from '../db/sqlite/migrate';
import { tempDir } from '../db/test/helpers';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

describe('the demo database build', () => {
  it('writes one self-contained file with the seeded configuration and sample organizations', () => {
    const dir = tempDir();
    try {
      const out = join(dir.dir, 'nested', 'demo.db');
      const run = spawnSync(
        tsx,
        [join(root, 'scripts/build-demo-db.ts'), '--out', out, '--organizations', '70'],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        /^Demo database: .*demo\.db \(seeded configuration, 70 organizations, [\d.]+ s\)\n$/,
      );
      // No -wal beside it and a rollback journal in the header: it can be copied, or attached read-only.
      expect(existsSync(`${out}-wal`)).toBe(false);
      expect(existsSync(`${out}.partial`)).toBe(false);
      expect(readFileSync(out).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
      const db = new Database(out, { readonly: true });
      const count = (table: string) =>
        db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(
        ['focus_groups', 'focus_group_dimension_weights', 'focus_group_calibrations', 'organizations'].map(
          (t) => count(t).n,
        ),
      ).toEqual([7, 49, 30, 70]);
      db.close();

      const bad = spawnSync(
        tsx,
        [join(root, 'scripts/build-demo-db.ts'), '--out', out, '--organizations', '0'],
        {
          encoding: 'utf8',
        },
      );
      expect(bad.status).not.toBe(0);
    } finally {
      dir.cleanup();
    }
  }, 120_000);

  it('runs before packaging, and the installers ship its output', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.predist).toBe('npm run build:demo');
    expect(pkg.scripts['build:demo']).toBe('tsx scripts/build-demo-db.ts');
    const builder = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
      extraResources: { from: string; to: string }[];
    };
    // The shell looks for it at resources/demo/sector-studio-demo.db (electron/main/app.ts).
    expect(builder.extraResources).toEqual([
      { from: 'build/demo/sector-studio-demo.db', to: 'demo/sector-studio-demo.db' },
    ]);
  });
});
