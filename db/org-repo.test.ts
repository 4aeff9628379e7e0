import { beforeAll, describe, expect, it } from 'vitest';
import { orgSortColumns, orgQuery, type OrgQuery, type OrgSortColumn } from '../shared/org-query';
import type { OrgRow } from '../shared/domain';
import { attributeTables } from './columns';
import type { Db } from './connection';
import { buildPageQuery, createOrganizationRepository } from './org-repo';
import { loadReference } from './reference';
import { insertSampleOrganizations } from './sample-orgs';
import { seededDb } from './test/helpers';

let db: Db;
let all: OrgRow[];
const q = (input: Partial<OrgQuery>): OrgQuery => orgQuery.parse(input);

beforeAll(async () => {
  db = seededDb();
  await insertSampleOrganizations(db, { count: 420, seed: 7 });
  // NULLs and ties in sort columns are where keyset paging usually breaks.
  db.prepare(
    'UPDATE organizations SET annual_revenue_usd = NULL, headquarters_country = NULL WHERE rowid % 9 = 0',
  ).run();
  db.prepare(
    "UPDATE organizations SET legal_name = 'Same Name LLC', founding_year = NULL WHERE rowid % 13 = 0",
  ).run();
  all = createOrganizationRepository(db).query(q({ limit: 500, offset: 0 })).rows;
});

function sortValue(row: OrgRow, sort: OrgSortColumn): (string | number)[] {
  const fold = (v: unknown, empty: string | number) => (v === null ? empty : (v as string | number));
  switch (sort) {
    case 'legal_name':
      return [row.legal_name as string];
    case 'annual_revenue_usd':
    case 'employee_count':
      return [fold(row[sort], -1)];
    case 'founding_year':
      return [fold(row.founding_year, 0)];
    case 'headquarters_country':
      return [fold(row.headquarters_country, '')];
    case 'status':
      return [row.status as string, row.legal_name as string];
    case 'sector_name':
      return [row.focus_group_id as string, row.legal_name as string];
  }
}

/** SQLite's BINARY collation compares UTF-8 bytes. */
function compare(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c =
      typeof x === 'number' ? x - (y as number) : Buffer.compare(Buffer.from(x), Buffer.from(y as string));
    if (c !== 0) return c;
  }
  return 0;
}

function expected(
  sort: OrgSortColumn,
  dir: 'asc' | 'desc',
  keep: (row: OrgRow) => boolean = () => true,
): string[] {
  const rows = all.filter(keep);
  rows.sort((a, b) => {
    const c = compare(
      [...sortValue(a, sort), a.organization_id as string],
      [...sortValue(b, sort), b.organization_id as string],
    );
    return dir === 'asc' ? c : -c;
  });
  return rows.map((r) => r.organization_id as string);
}

describe('the unified view', () => {
  it('has the core columns, the sector name and code, and every attribute column under its own name', () => {
    const page = createOrganizationRepository(db).query(q({ limit: 1 }));
    const ref = loadReference();
    expect(page.columns).toEqual([
      ...ref.organization_columns.map(([name]) => name),
      'sector_name',
      'sector_code',
      ...Object.values(ref.attribute_tables).flatMap((t) => t.columns.map(([name]) => name)),
    ]);
  });

  it("shows a sector's own attributes and NULL for every other sector's columns", () => {
    for (const table of attributeTables()) {
      const rows = createOrganizationRepository(db).query(
        q({ focus_group_id: table.focusGroupId, limit: 20 }),
      ).rows;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.focus_group_id).toBe(table.focusGroupId);
        for (const other of attributeTables()) {
          for (const column of other.columns) {
            if (other.table !== table.table) expect(row[column.name], column.name).toBeNull();
          }
        }
        const own = table.columns.filter((c) => row[c.name] !== null);
        expect(own.length).toBeGreaterThan(table.columns.length / 2);
        for (const column of table.columns) {
          const value = row[column.name];
          if (value === null) continue;
          if (column.kind === 'array') expect(Array.isArray(value)).toBe(true);
          if (column.kind === 'boolean') expect(typeof value).toBe('boolean');
          if (column.kind === 'integer' || column.kind === 'decimal') expect(typeof value).toBe('number');
        }
      }
    }
  });

  it("reads a sector's page exactly as the view holds it", () => {
    const repo = createOrganizationRepository(db);
    const fromView = new Map(all.map((r) => [r.organization_id, r]));
    for (const table of attributeTables()) {
      const page = repo.query(q({ focus_group_id: table.focusGroupId, limit: 100 }));
      expect(page.rows.length).toBeGreaterThan(0);
      for (const row of page.rows) expect(row).toEqual(fromView.get(row.organization_id));
    }
  });

  it('counts the rows of every filter', () => {
    const repo = createOrganizationRepository(db);
    expect(repo.query(q({ limit: 1 })).total).toBe(420);
    expect(repo.query(q({ limit: 1, focus_group_id: 'pe_energy' })).total).toBe(60);
    const active = all.filter((r) => r.status === 'active').length;
    expect(repo.query(q({ limit: 1, status: 'active' })).total).toBe(active);
    expect(repo.query(q({ limit: 5, search: 'same name' })).total).toBe(
      all.filter((r) => r.legal_name === 'Same Name LLC').length,
    );
    expect(repo.query(q({ limit: 5, search: '100%_' })).total).toBe(0);
  });

  it('refreshes a cached count after a write', async () => {
    const other = seededDb();
    await insertSampleOrganizations(other, { count: 7, seed: 1 });
    const repo = createOrganizationRepository(other);
    expect(repo.query(q({ limit: 1 })).total).toBe(7);
    await insertSampleOrganizations(other, { count: 7, seed: 2 });
    expect(repo.query(q({ limit: 1 })).total).toBe(14);
  });

  describe('keyset paging', () => {
    const filters: [string, Partial<OrgQuery>, (row: OrgRow) => boolean][] = [
      ['all', {}, () => true],
      ['one sector', { focus_group_id: 'pe_healthcare' }, (r) => r.focus_group_id === 'pe_healthcare'],
      ['status', { status: 'active' }, (r) => r.status === 'active'],
    ];
    for (const sort of orgSortColumns) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const [label, filter, keep] of filters) {
          it(`walks ${label} sorted by ${sort} ${dir} forward and back without skipping or repeating a row`, () => {
            const repo = createOrganizationRepository(db);
            const want = expected(sort, dir, keep);
            const seen: string[] = [];
            const pages = [];
            let page = repo.query(q({ ...filter, sort, dir, limit: 37 }));
            expect(page.prev_cursor).toBeNull();
            for (;;) {
              pages.push(page);
              seen.push(...page.rows.map((r) => r.organization_id as string));
              if (!page.next_cursor) break;
              page = repo.query(q({ ...filter, sort, dir, limit: 37, after: page.next_cursor }));
            }
            expect(seen).toEqual(want);
            expect(page.total).toBe(want.length);

            const back: string[] = [];
            let prev = pages[pages.length - 1]!;
            back.unshift(...prev.rows.map((r) => r.organization_id as string));
            while (prev.prev_cursor) {
              prev = repo.query(q({ ...filter, sort, dir, limit: 37, before: prev.prev_cursor }));
              back.unshift(...prev.rows.map((r) => r.organization_id as string));
            }
            expect(back).toEqual(want);
          });
        }
      }
    }
  });

  it('pages by offset for the CLI', () => {
    const repo = createOrganizationRepository(db);
    const want = expected('legal_name', 'asc');
    expect(repo.query(q({ limit: 10, offset: 25 })).rows.map((r) => r.organization_id)).toEqual(
      want.slice(25, 35),
    );
  });

  it('refuses a cursor that does not belong to the sort order', () => {
    const repo = createOrganizationRepository(db);
    const cursor = repo.query(q({ limit: 5 })).next_cursor!;
    expect(() => repo.query(q({ limit: 5, sort: 'status', after: cursor }))).toThrow(/Invalid page cursor/);
    expect(() => repo.query(q({ limit: 5, after: 'garbage' }))).toThrow(/Invalid page cursor/);
  });

  it('binds every value: a hostile search is just text', () => {
    const repo = createOrganizationRepository(db);
    expect(repo.query(q({ search: "'; DROP TABLE organizations; --" })).total).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM organizations').get()).toEqual({ n: 420 });
  });

  it('seeks an index for every sort, with and without a sector filter (EXPLAIN QUERY PLAN)', () => {
    const repo = createOrganizationRepository(db);
    for (const sort of orgSortColumns) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const focus_group_id of [null, 'pe_retail']) {
          const first = repo.query(q({ sort, dir, focus_group_id, limit: 3 }));
          const { sql, params } = buildPageQuery(
            q({ sort, dir, focus_group_id, limit: 100, after: first.next_cursor }),
          );
          const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
            (r) => r.detail,
          );
          const label = `${sort} ${dir} ${focus_group_id}: ${plan.join(' | ')}`;
          expect(plan, label).toHaveLength(1);
          expect(plan[0], label).toMatch(
            /^SEARCH organizations USING (COVERING )?INDEX idx_org_\w+ \(.*\(.*\)[<>]\(.*\)\)$/,
          );
        }
      }
    }
  });

  it('fetches the page rows from the view by primary key', () => {
    const plan = (
      db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT * FROM vw_organizations_full WHERE organization_id IN (SELECT value FROM json_each(?))',
        )
        .all('[]') as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join(' | ')).not.toMatch(/SCAN o\b|TEMP B-TREE/);
    expect(plan.join(' | ')).toMatch(
      /SEARCH o USING INDEX sqlite_autoindex_organizations_1 \(organization_id=\?\)/,
    );
  });
});
