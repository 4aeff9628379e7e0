import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference';
import { openDatabase } from './connection';
import { latestVersion, migrate, migrations, schemaVersion } from './migrate';
import { tempDir } from '../test/helpers';

let cleanup = () => {};
afterEach(() => cleanup());

function tempFile(name = 'studio.db') {
  const t = tempDir();
  cleanup = t.cleanup;
  return join(t.dir, name);
}

describe('migrations', () => {
  it('are numbered files applied in order', () => {
    expect(migrations().map((m) => m.version)).toEqual(
      Array.from({ length: latestVersion() }, (_, i) => i + 1),
    );
  });

  it('leave a new file empty until init, then apply once and are tracked by user_version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(0);
    const first = migrate(db);
    expect(first.applied).toEqual(migrations().map((m) => m.version));
    expect(first.version).toBe(latestVersion());
    const second = migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.message).toMatch(/nothing to do/);
    db.close();

    const reopened = openDatabase(file);
    expect(schemaVersion(reopened)).toBe(latestVersion());
    expect(migrate(reopened).applied).toEqual([]);
    reopened.close();
  });

  it('upgrade an older schema on open', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.exec(migrations()[0]!.sql);
    raw.pragma('user_version = 1');
    raw.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestVersion());
    db.close();
  });

  it('roll back a failing migration as a whole', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    expect(() =>
      db.transaction(() => {
        db.exec('CREATE TABLE scratch (x INTEGER); INSERT INTO nowhere VALUES (1);');
      })(),
    ).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'scratch'").get()).toEqual({
      n: 0,
    });
  });

  it('open connections with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(30_000);
    db.close();
  });

  it('refuse a file newer than the app and a file that is not a database', () => {
    const newer = tempFile();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${latestVersion() + 1}`);
    raw.close();
    expect(() => openDatabase(newer)).toThrow(/newer than this app knows/);

    const garbage = tempFile('garbage.db');
    writeFileSync(
      garbage,
      'this is not a SQLite file, just text that is long enough to have a header'.repeat(20),
    );
    expect(() => openDatabase(garbage)).toThrow(/Cannot open .* as a SQLite database/);
  });

  it('create every table of the reference, the view and the indexes', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const names = db.prepare("SELECT name, type FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      type: string;
    }[];
    const tables = names.filter((n) => n.type === 'table').map((n) => n.name);
    expect(tables.sort()).toEqual(
      [
        'focus_groups',
        'dimensions',
        'focus_group_dimension_weights',
        'focus_group_calibrations',
        'organizations',
        ...Object.keys(loadReference().attribute_tables),
        // The app's own bookkeeping, not part of the seed's schema: which sectors' configurations
        // changed, for other instances (migration 3), the grid's totals (migration 5), who changed a
        // configuration when and why (the change-set migration), which organizations changed, for
        // other windows' grids (the organization-edits migration), and the saved views of the
        // Organizations grid (the saved-views migration).
        'config_changes',
        'organization_counts',
        'config_change_sets',
        'organization_change_log',
        'saved_views',
        // The Org-AI-R scoring's assessments and platform parameters (the scoring migration).
        'organization_assessments',
        'organization_dimension_scores',
        'platform_parameters',
        // The grid's stored Org-AI-R scores and whether each sector's are fresh (migration 12).
        'organization_scores',
        'score_freshness',
      ].sort(),
    );
    expect(names).toContainEqual({ name: 'vw_organizations_full', type: 'view' });
    expect(names.filter((n) => n.type === 'index').length).toBeGreaterThanOrEqual(12);

    const columnsOf = (table: string) =>
      (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map(
        (c) => c.name,
      );
    expect(columnsOf('organizations')).toEqual(loadReference().organization_columns.map(([name]) => name));
    for (const [table, spec] of Object.entries(loadReference().attribute_tables)) {
      expect(columnsOf(table)).toEqual(['organization_id', ...spec.columns.map(([name]) => name)]);
    }
    for (const table of ['focus_group_dimension_weights', 'focus_group_calibrations']) {
      expect(columnsOf(table)).toEqual(
        expect.arrayContaining(['effective_from', 'effective_to', 'is_current']),
      );
    }
  });
});
