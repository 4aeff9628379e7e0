import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attributeTables } from '../core/columns';
import { openDatabase, type Db } from './connection';
import { migrate } from './migrate';
import { insertSamples } from './sample-orgs';
import { generateOrganizations } from '../core/sample-orgs';
import { loadReference } from '../core/reference';
import { seedSectorsAndDimensions } from './seeding';
import { migratedDb, seededDb, tempDir } from '../test/helpers';

const sectors = loadReference().focus_groups.map((g) => g.focus_group_id);
const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const count = (db: Db | Database.Database, table = 'organizations') =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const counted = (db: Db | Database.Database) =>
  db.prepare('SELECT sum(organizations) FROM organization_counts').pluck().get() as number;
const withoutIds = (rows: ReturnType<typeof generateOrganizations> extends Iterable<infer T> ? T[] : never) =>
  rows.map((r) => ({ ...r, organization: { ...r.organization, organization_id: null } }));

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let files = 0;
function seededFile(): { db: Db; file: string } {
  const file = join(dir, `studio-${++files}.db`);
  const db = openDatabase(file);
  migrate(db);
  seedSectorsAndDimensions(db);
  return { db, file };
}

describe('sample organizations', () => {
  it('are the same for the same seed and differ for another, with new time-ordered ids each time', () => {
    const a = [...generateOrganizations(20, 42, sectors)];
    const b = [...generateOrganizations(20, 42, sectors)];
    const c = [...generateOrganizations(20, 43, sectors)];
    expect(withoutIds(a)).toEqual(withoutIds(b));
    expect(a.map((o) => o.organization.legal_name)).not.toEqual(c.map((o) => o.organization.legal_name));
    const ids = [...a, ...b].map((o) => o.organization.organization_id as string);
    for (const id of ids) expect(id).toMatch(uuidV7);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cover all seven sectors in any ten, each with a realistic row in its own attribute table', async () => {
    const db = seededDb();
    const result = await insertSamples(db, { count: 10, seed: 1 });
    expect(result).toMatchObject({ inserted: 10, seed: 1, cancelled: false });
    expect(Object.keys(result.per_sector).sort()).toEqual([...sectors].sort());
    for (const table of attributeTables()) {
      const rows = db
        .prepare(
          `SELECT a.*, o.focus_group_id AS sector FROM ${table.table} a JOIN organizations o USING (organization_id)`,
        )
        .all() as Record<string, unknown>[];
      expect(rows.length, table.table).toBeGreaterThan(0);
      for (const row of rows) expect(row.sector).toBe(table.sectorId);
    }
    const org = db.prepare('SELECT * FROM organizations LIMIT 1').get() as Record<string, unknown>;
    expect(org.legal_name).toMatch(/\w/);
    expect(org.organization_id).toMatch(uuidV7);
    expect(Number(org.employee_count)).toBeGreaterThan(0);
    expect(String(org.website_url)).toMatch(/^https:\/\/www\.[a-z0-9]+\.com$/);
  });

  it('reports progress per batch and keeps whole batches when cancelled', async () => {
    const db = seededDb();
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await insertSamples(db, {
      count: 1_000,
      seed: 5,
      batchSize: 100,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done === 300) controller.abort();
      },
    });
    expect(progress).toEqual([100, 200, 300]);
    expect(result).toMatchObject({ inserted: 300, cancelled: true });
    expect(count(db)).toBe(300);
  });

  it('inserts the same seed again as new organizations with the same names', async () => {
    const db = seededDb();
    await insertSamples(db, { count: 10, seed: 9 });
    await insertSamples(db, { count: 10, seed: 9 });
    expect(count(db)).toBe(20);
    expect(db.prepare('SELECT count(DISTINCT organization_id) FROM organizations').pluck().get()).toBe(20);
    expect(
      db.prepare('SELECT count(DISTINCT legal_name || duns_number) FROM organizations').pluck().get(),
    ).toBe(10);
  });

  it('needs seeded sectors', async () => {
    await expect(insertSamples(migratedDb(), { count: 1 })).rejects.toThrow(/Seed the focus groups/);
  });
});

describe('a bulk insert', () => {
  const indexesOf = (db: Db | Database.Database) =>
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'organizations' ORDER BY name",
      )
      .pluck()
      .all();

  it('stages, moves and indexes every row, with the same rows a batched insert writes', async () => {
    const { db } = seededFile();
    const indexes = indexesOf(db);
    const progress: number[] = [];
    const result = await insertSamples(db, {
      count: 3_000,
      seed: 21,
      bulkMinRows: 1_000,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toMatchObject({ inserted: 3_000, cancelled: false });
    expect(Object.values(result.per_sector).reduce((a, b) => a + b, 0)).toBe(3_000);
    expect(count(db)).toBe(3_000);
    expect(counted(db)).toBe(3_000);
    expect(indexesOf(db)).toEqual(indexes);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(3_000);
    // Rows and ids follow sector and name order, so that the grid's default page is a few B-tree pages.
    const ids = (order: string) =>
      db.prepare(`SELECT organization_id FROM organizations ORDER BY ${order}`).pluck().all();
    expect(ids('rowid')).toEqual(ids('focus_group_id, legal_name, rowid'));
    expect(ids('rowid')).toEqual(ids('organization_id'));
    for (const t of attributeTables()) {
      expect(db.prepare(`SELECT organization_id FROM ${t.table}`).pluck().all(), t.table).toEqual(
        db
          .prepare('SELECT organization_id FROM organizations WHERE focus_group_id = ? ORDER BY rowid')
          .pluck()
          .all(t.sectorId),
      );
    }

    const batched = seededDb();
    await insertSamples(batched, { count: 3_000, seed: 21 });
    const rows = (d: Db) =>
      d
        .prepare('SELECT * FROM vw_organizations_full ORDER BY legal_name, duns_number')
        .all()
        .map((r) => ({ ...(r as object), organization_id: null, created_at: null, updated_at: null }));
    expect(rows(db)).toEqual(rows(batched));
    for (const t of attributeTables()) expect(count(db, t.table), t.table).toBe(count(batched, t.table));
  });

  it('takes no lock while staging, and holds the write lock (never showing a table without its indexes) while moving', async () => {
    const { db, file } = seededFile();
    await insertSamples(db, { count: 500, seed: 1 });
    const indexes = indexesOf(db);
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    const seen: { share: number; writable: boolean; rows: number; indexes: unknown[] }[] = [];
    await insertSamples(db, {
      count: 3_000,
      seed: 22,
      bulkMinRows: 1_000,
      onProgress: (done, total) => {
        let writable = true;
        try {
          other
            .prepare("UPDATE focus_groups SET updated_at = updated_at WHERE focus_group_id = 'pe_energy'")
            .run();
        } catch (error) {
          expect((error as { code?: string }).code).toBe('SQLITE_BUSY');
          writable = false;
        }
        seen.push({ share: done / total, writable, rows: count(other), indexes: indexesOf(other) });
      },
    });
    other.close();
    const staging = seen.filter((s) => s.share <= 0.35);
    const moving = seen.filter((s) => s.share > 0.45 && s.share < 1);
    const sorting = seen.filter((s) => s.share > 0.35 && s.share <= 0.45);
    expect(sorting.length).toBeGreaterThan(0);
    for (const s of sorting) expect(s.writable).toBe(true);
    expect(staging.length).toBeGreaterThan(0);
    expect(moving.length).toBeGreaterThan(0);
    for (const s of staging) expect(s.writable).toBe(true);
    for (const s of moving) expect(s.writable).toBe(false);
    for (const s of [...staging, ...sorting, ...moving]) {
      expect(s.rows).toBe(500);
      expect(s.indexes).toEqual(indexes);
    }
    expect(count(db)).toBe(3_500);
  });

  for (const phase of ['staging', 'moving'] as const) {
    it(`keeps nothing when cancelled while ${phase}`, async () => {
      const { db } = seededFile();
      await insertSamples(db, { count: 200, seed: 2 });
      const indexes = indexesOf(db);
      const controller = new AbortController();
      const result = await insertSamples(db, {
        count: 3_000,
        seed: 23,
        bulkMinRows: 1_000,
        signal: controller.signal,
        onProgress: (done, total) => {
          if (phase === 'staging' || done / total > 0.5) controller.abort();
        },
      });
      expect(result).toMatchObject({ inserted: 0, cancelled: true, per_sector: {} });
      expect(count(db)).toBe(200);
      expect(counted(db)).toBe(200);
      for (const t of attributeTables()) {
        expect(
          db
            .prepare(
              `SELECT count(*) FROM ${t.table} WHERE organization_id NOT IN (SELECT organization_id FROM organizations)`,
            )
            .pluck()
            .get(),
        ).toBe(0);
      }
      expect(indexesOf(db)).toEqual(indexes);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }
});
