import { describe, expect, it } from 'vitest';
import { attributeTables } from './columns';
import { generateOrganizations, insertSampleOrganizations } from './sample-orgs';
import { loadReference } from './reference';
import { migratedDb, seededDb } from './test/helpers';

const sectors = loadReference().focus_groups.map((g) => g.focus_group_id);

describe('sample organizations', () => {
  it('are the same for the same seed and differ for another', () => {
    const a = [...generateOrganizations(20, 42, sectors)];
    const b = [...generateOrganizations(20, 42, sectors)];
    const c = [...generateOrganizations(20, 43, sectors)];
    expect(a).toEqual(b);
    expect(a.map((o) => o.organization.legal_name)).not.toEqual(c.map((o) => o.organization.legal_name));
  });

  it('cover all seven sectors in any ten, each with a realistic row in its own attribute table', async () => {
    const db = seededDb();
    const result = await insertSampleOrganizations(db, { count: 10, seed: 1 });
    expect(result).toMatchObject({ inserted: 10, seed: 1, cancelled: false });
    expect(Object.keys(result.per_sector).sort()).toEqual([...sectors].sort());
    for (const table of attributeTables()) {
      const rows = db
        .prepare(
          `SELECT a.*, o.focus_group_id AS sector FROM ${table.table} a JOIN organizations o USING (organization_id)`,
        )
        .all() as Record<string, unknown>[];
      expect(rows.length, table.table).toBeGreaterThan(0);
      for (const row of rows) expect(row.sector).toBe(table.focusGroupId);
    }
    const org = db.prepare('SELECT * FROM organizations LIMIT 1').get() as Record<string, unknown>;
    expect(org.legal_name).toMatch(/\w/);
    expect(org.organization_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Number(org.employee_count)).toBeGreaterThan(0);
    expect(String(org.website_url)).toMatch(/^https:\/\/www\.[a-z0-9]+\.com$/);
  });

  it('reports progress per batch and keeps whole batches when cancelled', async () => {
    const db = seededDb();
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await insertSampleOrganizations(db, {
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
    expect(db.prepare('SELECT count(*) AS n FROM organizations').get()).toEqual({ n: 300 });
  });

  it('refuses to insert the same seed twice, and the failed batch leaves nothing behind', async () => {
    const db = seededDb();
    await insertSampleOrganizations(db, { count: 10, seed: 9 });
    await expect(insertSampleOrganizations(db, { count: 10, seed: 9 })).rejects.toThrow(
      /Sample organizations for seed 9 are already in the database/,
    );
    expect(db.prepare('SELECT count(*) AS n FROM organizations').get()).toEqual({ n: 10 });
  });

  it('needs seeded sectors', async () => {
    await expect(insertSampleOrganizations(migratedDb(), { count: 1 })).rejects.toThrow(
      /Seed the focus groups/,
    );
  });
});
