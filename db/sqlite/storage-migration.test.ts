import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attributeTables } from '../core/columns';
import { openDatabase } from './connection';
import { latestVersion, migrations, schemaVersion } from './migrate';
import { loadReference } from '../core/reference';
import { generateOrganizations } from '../core/sample-orgs';
import { sqliteValues } from './sample-orgs';
import { tempDir } from '../test/helpers';
import { seedBeforeChangeSets } from '../test/legacy';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const ref = loadReference();
const sectors = ref.focus_groups.map((g) => g.focus_group_id);
const seedColumns = ref.organization_columns.map(([name]) => name);

/**
 * A file as the app on main (schema version 2) leaves it: organizations with random (version 4)
 * ids, their attribute rows, NULLs in the sort columns and tied names.
 */
function fileAtVersion2(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const migration of migrations().slice(0, 2)) {
    db.exec(migration.sql);
    db.pragma(`user_version = ${migration.version}`);
  }
  seedBeforeChangeSets(db);
  const rows = [...generateOrganizations(700, 3, sectors)];
  const orgColumns = Object.keys(rows[0]!.organization);
  const insertOrg = db.prepare(
    `INSERT INTO organizations (${orgColumns.join(', ')}) VALUES (${orgColumns.map((c) => `@${c}`).join(', ')})`,
  );
  const inserts = new Map(
    attributeTables().map((t) => {
      const columns = ['organization_id', ...t.columns.map((c) => c.name)];
      return [
        t.sectorId,
        db.prepare(
          `INSERT INTO ${t.table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        ),
      ] as const;
    }),
  );
  db.transaction(() => {
    rows.forEach((row, i) => {
      // Version 4 ids, as main generated them: random, not time-ordered.
      const id = crypto.randomUUID();
      insertOrg.run({ ...row.organization, organization_id: id });
      // Every ninth organization has no attribute row at all.
      if (i % 9 !== 0) inserts.get(row.sector)!.run({ ...sqliteValues(row.attributes), organization_id: id });
    });
    db.exec(`UPDATE organizations SET annual_revenue_usd = NULL, headquarters_country = NULL WHERE rowid % 7 = 0;
             UPDATE organizations SET legal_name = 'Same Name LLC', founding_year = NULL WHERE rowid % 11 = 0;`);
  })();
  db.close();
}

/** Every row of every table the user sees, with the seed's columns, in a stable order. */
function snapshot(db: Database.Database): Record<string, unknown[]> {
  const tables: Record<string, string> = {
    organizations: `SELECT ${seedColumns.join(', ')} FROM organizations ORDER BY organization_id`,
    vw_organizations_full: 'SELECT * FROM vw_organizations_full ORDER BY organization_id',
    focus_groups: 'SELECT * FROM focus_groups ORDER BY focus_group_id',
    dimensions: 'SELECT * FROM dimensions ORDER BY dimension_id',
    focus_group_dimension_weights: 'SELECT * FROM focus_group_dimension_weights ORDER BY weight_id',
    focus_group_calibrations: 'SELECT * FROM focus_group_calibrations ORDER BY calibration_id',
  };
  for (const t of attributeTables()) tables[t.table] = `SELECT * FROM ${t.table} ORDER BY organization_id`;
  return Object.fromEntries(Object.entries(tables).map(([name, sql]) => [name, db.prepare(sql).all()]));
}

describe('migrating a file made by schema version 2', () => {
  const file = join(dir, 'v2.db');
  fileAtVersion2(file);
  const before = new Database(file, { readonly: true });
  const rowsBefore = snapshot(before);
  before.close();
  const db = openDatabase(file);
  afterAll(() => db.close());

  it('upgrades it on open to the latest version', () => {
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps every row of every table and of the view, value for value', () => {
    const after = snapshot(db);
    expect(Object.keys(after).sort()).toEqual(Object.keys(rowsBefore).sort());
    for (const [table, rows] of Object.entries(rowsBefore)) {
      // Later migrations may add columns (a calibration's rationale); the old ones keep their values.
      const kept = (after[table] ?? []).map((row, i) =>
        Object.fromEntries(
          Object.keys((rows[i] ?? {}) as object).map((k) => [k, (row as Record<string, unknown>)[k]]),
        ),
      );
      expect(kept, table).toEqual(rows);
    }
    expect((rowsBefore.organizations ?? []).length).toBe(700);
  });

  it("leaves organizations with exactly the seed's columns and the view with its columns", () => {
    expect(Object.keys(db.prepare('SELECT * FROM organizations LIMIT 1').get() as object)).toEqual(
      seedColumns,
    );
    expect(db.prepare("SELECT name FROM pragma_table_xinfo('organizations')").pluck().all()).toEqual(
      seedColumns,
    );
    const viewColumns = db
      .prepare('SELECT * FROM vw_organizations_full LIMIT 0')
      .columns()
      .map((c) => c.name);
    expect(viewColumns).toEqual([
      ...seedColumns,
      'sector_name',
      'sector_code',
      ...Object.values(ref.attribute_tables).flatMap((t) => t.columns.map(([name]) => name)),
      ...ref.dimensions.map((d) => d.dimension_code),
      'talent_concentration',
      'assessed_on',
      'vr',
      'hr',
      'synergy',
      'org_air',
    ]);
  });

  it('stores each attribute table as one B-tree keyed by organization_id, with its constraints and triggers', () => {
    for (const t of attributeTables()) {
      const sql = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(t.table) as string;
      expect(sql).toMatch(/\) WITHOUT ROWID$/);
      expect(sql).toMatch(
        /organization_id TEXT PRIMARY KEY REFERENCES organizations \(organization_id\) ON DELETE CASCADE/,
      );
      expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t.table)).toEqual([
        'organization_id',
        ...t.columns.map((c) => c.name),
      ]);
    }
    // The sector triggers came back with the tables.
    const wrongSector = db
      .prepare("SELECT organization_id FROM organizations WHERE focus_group_id <> 'pe_energy' LIMIT 1")
      .pluck()
      .get() as string;
    expect(() =>
      db.prepare('INSERT INTO org_attributes_energy (organization_id) VALUES (?)').run(wrongSector),
    ).toThrow(/holds attributes of pe_energy organizations only/);
    // Deleting an organization still takes its attribute row with it.
    const withRow = db
      .prepare('SELECT organization_id FROM org_attributes_retail LIMIT 1')
      .pluck()
      .get() as string;
    db.prepare('DELETE FROM organizations WHERE organization_id = ?').run(withRow);
    expect(
      db.prepare('SELECT count(*) FROM org_attributes_retail WHERE organization_id = ?').pluck().get(withRow),
    ).toBe(0);
  });

  it('counts the organizations per sector and status it found', () => {
    expect(
      db.prepare('SELECT focus_group_id, status, organizations FROM organization_counts ORDER BY 1, 2').all(),
    ).toEqual(
      db
        .prepare(
          'SELECT focus_group_id, status, count(*) AS organizations FROM organizations GROUP BY 1, 2 ORDER BY 1, 2',
        )
        .all(),
    );
  });

  it('replaces the paging indexes by indexes that end in the rowid', () => {
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'organizations' AND sql IS NOT NULL",
      )
      .all() as { name: string; sql: string }[];
    const paging = indexes.filter((i) => i.name.startsWith('idx_org_'));
    expect(paging).toHaveLength(12);
    for (const index of paging) expect(index.sql, index.name).not.toMatch(/organization_id|_key\b/);
  });
});
