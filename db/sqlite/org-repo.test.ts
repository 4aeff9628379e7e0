import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  orgSortColumns,
  orgStatuses,
  orgQuery,
  type OrgQuery,
  type OrgSortColumn,
} from '../../shared/org-query';
import type { OrgRow } from '../../shared/domain';
import { attributeTables } from '../core/columns';
import type { Db } from './connection';
import { createOrganizationRepository } from './org-repo';
import { buildPageQuery } from './page-query';
import { rowSql } from './row-sql';
import { blankKeys } from '../core/blank-sort';
import { loadReference } from '../core/reference';
import { insertSamples } from './sample-orgs';
import { seededDb } from '../test/helpers';

let db: Db;
let all: OrgRow[];
const q = (input: Partial<OrgQuery>): OrgQuery => orgQuery.parse(input);

beforeAll(async () => {
  db = seededDb();
  await insertSamples(db, { count: 420, seed: 7 });
  // NULLs and ties in sort columns are where keyset paging usually breaks.
  db.prepare(
    'UPDATE organizations SET annual_revenue_usd = NULL, headquarters_country = NULL WHERE rowid % 9 = 0',
  ).run();
  db.prepare(
    "UPDATE organizations SET legal_name = 'Same Name LLC', founding_year = NULL WHERE rowid % 13 = 0",
  ).run();
  all = createOrganizationRepository(db).query(q({ limit: 500, offset: 0 })).rows;
});

/** The plain SQL order of each sort: NULLs last in both directions, ties by rowid (insertion order). */
const plainOrder: Record<OrgSortColumn, string[]> = {
  legal_name: ['legal_name'],
  annual_revenue_usd: ['annual_revenue_usd'],
  employee_count: ['employee_count'],
  founding_year: ['founding_year'],
  headquarters_country: ['headquarters_country'],
  status: ['status', 'legal_name'],
  sector_name: ['focus_group_id', 'legal_name'],
};

type Filter = Pick<OrgQuery, 'focus_group_id' | 'status' | 'search'>;

/** Every matching id in the sort's order, by a plain ORDER BY over the whole table. */
function expected(sort: OrgSortColumn, dir: 'asc' | 'desc', filter: Filter = {}): string[] {
  const where = [
    filter.focus_group_id ? 'focus_group_id = @focus_group_id' : null,
    filter.status ? 'status = @status' : null,
    filter.search ? 'instr(lower(legal_name), lower(@search)) > 0' : null,
  ].filter((w) => w !== null);
  const keys = plainOrder[sort];
  const order = [`${keys[0] as string} IS NULL`, ...[...keys, 'rowid'].map((c) => `${c} ${dir}`)].join(', ');
  const params = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== null && v !== undefined));
  return db
    .prepare(
      `SELECT organization_id FROM organizations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`,
    )
    .pluck()
    .all(params) as string[];
}

/** Walks every page forward, then back from the last page, and returns both id sequences. */
function walk(query: Partial<OrgQuery>): { forward: string[]; backward: string[]; totals: number[] } {
  const repo = createOrganizationRepository(db);
  const forward: string[] = [];
  const totals: number[] = [];
  const pages = [];
  let page = repo.query(q(query));
  expect(page.prev_cursor).toBeNull();
  for (;;) {
    pages.push(page);
    totals.push(page.total);
    forward.push(...page.rows.map((r) => r.organization_id as string));
    if (!page.next_cursor) break;
    page = repo.query(q({ ...query, after: page.next_cursor }));
  }
  const backward: string[] = [];
  let prev = pages[pages.length - 1]!;
  backward.unshift(...prev.rows.map((r) => r.organization_id as string));
  while (prev.prev_cursor) {
    prev = repo.query(q({ ...query, before: prev.prev_cursor }));
    backward.unshift(...prev.rows.map((r) => r.organization_id as string));
  }
  return { forward, backward, totals };
}

describe('the unified view', () => {
  it('has the core columns, the sector name and code, every attribute column under its own name, the assessment and the scores', () => {
    const page = createOrganizationRepository(db).query(q({ limit: 1 }));
    const ref = loadReference();
    expect(page.columns).toEqual([
      ...ref.organization_columns.map(([name]) => name),
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

  it("shows a sector's own attributes and NULL for every other sector's columns", () => {
    for (const table of attributeTables()) {
      const rows = createOrganizationRepository(db).query(
        q({ focus_group_id: table.sectorId, limit: 20 }),
      ).rows;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.focus_group_id).toBe(table.sectorId);
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
      const page = repo.query(q({ focus_group_id: table.sectorId, limit: 100 }));
      expect(page.rows.length).toBeGreaterThan(0);
      for (const row of page.rows) expect(row).toEqual(fromView.get(row.organization_id));
    }
  });

  it('reads organizations of a sector without an attribute table (one a user added) as the view does', async () => {
    const other = seededDb();
    await insertSamples(other, { count: 30, seed: 3 });
    other
      .prepare(
        "INSERT INTO focus_groups (focus_group_id, platform, group_name, group_code, display_order) VALUES ('pe_space', 'pe_org_air', 'Space', 'SPACE', 99)",
      )
      .run();
    other
      .prepare(
        "INSERT INTO organizations (organization_id, legal_name, focus_group_id) VALUES ('00000000-0000-7000-8000-000000000001', 'Orbit Works', 'pe_space')",
      )
      .run();
    const repo = createOrganizationRepository(other);
    const inSector = repo.query(q({ focus_group_id: 'pe_space', limit: 10 }));
    expect(inSector.rows.map((r) => r.legal_name)).toEqual(['Orbit Works']);
    expect(inSector.total).toBe(1);
    const row = inSector.rows[0]!;
    expect(row.sector_name).toBe('Space');
    for (const t of attributeTables()) for (const c of t.columns) expect(row[c.name], c.name).toBeNull();
    const all = repo.query(q({ limit: 500 }));
    expect(all.total).toBe(31);
    expect(all.rows.find((r) => r.legal_name === 'Orbit Works')).toEqual(row);
    const fromView = other
      .prepare("SELECT * FROM vw_organizations_full WHERE focus_group_id = 'pe_space'")
      .get() as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(Object.keys(fromView));
    for (const [column, value] of Object.entries(fromView)) expect(row[column], column).toEqual(value);
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
    await insertSamples(other, { count: 7, seed: 1 });
    const repo = createOrganizationRepository(other);
    expect(repo.query(q({ limit: 1 })).total).toBe(7);
    await insertSamples(other, { count: 7, seed: 2 });
    expect(repo.query(q({ limit: 1 })).total).toBe(14);
  });

  describe('keyset paging', () => {
    const filters: [string, Filter][] = [
      ['all', {}],
      ['one sector', { focus_group_id: 'pe_healthcare' }],
      ['status', { status: 'active' }],
    ];
    for (const sort of orgSortColumns) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const [label, filter] of filters) {
          it(`walks ${label} sorted by ${sort} ${dir} forward and back without skipping or repeating a row`, () => {
            const want = expected(sort, dir, filter);
            const { forward, backward, totals } = walk({ ...filter, sort, dir, limit: 37 });
            expect(forward).toEqual(want);
            expect(backward).toEqual(want);
            expect(new Set(totals)).toEqual(new Set([want.length]));
          });
        }
      }
    }

    it('matches a plain ORDER BY for any sort, direction, filter and page size (property)', () => {
      const sectors = loadReference().focus_groups.map((g) => g.focus_group_id);
      fc.assert(
        fc.property(
          fc.constantFrom(...orgSortColumns),
          fc.constantFrom('asc' as const, 'desc' as const),
          fc.option(fc.constantFrom(...sectors), { nil: null }),
          fc.option(fc.constantFrom(...orgStatuses), { nil: null }),
          fc.option(fc.constantFrom('same', 'and', 'LLC', 'x'), { nil: null }),
          fc.integer({ min: 1, max: 120 }),
          (sort, dir, focus_group_id, status, search, limit) => {
            const filter = { focus_group_id, status, search };
            const want = expected(sort, dir, filter);
            const { forward, backward } = walk({ ...filter, sort, dir, limit });
            expect(forward).toEqual(want);
            expect(backward).toEqual(want);
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  it('pages by offset for the CLI', () => {
    const repo = createOrganizationRepository(db);
    const want = expected('legal_name', 'asc');
    expect(repo.query(q({ limit: 10, offset: 25 })).rows.map((r) => r.organization_id)).toEqual(
      want.slice(25, 35),
    );
    expect(repo.query(q({ limit: 10, offset: 415 })).rows.map((r) => r.organization_id)).toEqual(
      want.slice(415),
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
    const plan = (sql: string, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, limit: 101 }) as { detail: string }[]).map(
        (r) => r.detail,
      );
    for (const sort of orgSortColumns) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const focus_group_id of [null, 'pe_retail']) {
          const first = buildPageQuery(q({ sort, dir, focus_group_id, limit: 100 }));
          // Blanks last: a sort that folds NULL reads below, above, then at the folded value.
          const ranges = blankKeys[sort] === undefined ? 1 : 3;
          expect(first.steps).toHaveLength(ranges);
          first.steps.forEach((sql) => {
            const firstPlan = plan(sql, first.params);
            expect(firstPlan, firstPlan.join(' | ')).toHaveLength(1);
            expect(firstPlan[0]).toMatch(/^(SCAN|SEARCH) organizations USING COVERING INDEX idx_org_\w+/);
          });

          const cursor = repo.query(q({ sort, dir, focus_group_id, limit: 3 })).next_cursor;
          const next = buildPageQuery(q({ sort, dir, focus_group_id, limit: 100, after: cursor }));
          // One step per key and one for the rowid: ties with the cursor first, then looser ranges,
          // then the ranges after the cursor's: its keys are not negative, so ascending only the
          // blanks follow, descending the negative keys and the blanks.
          const later = ranges === 1 ? 0 : dir === 'asc' ? 1 : 2;
          expect(next.steps).toHaveLength(next.keys.length + 1 + later);
          next.steps.forEach((sql, j) => {
            // One bound on each side of the first key at most: with two, SQLite seeks to one of them
            // and reads every key up to the other (a page deep in a blanks-last order read them all).
            const first = next.keys[0] ?? 'rowid';
            for (const side of ['>', '<']) {
              const bounds = sql.split(`${first} ${side} @`).length - 1;
              expect(bounds, `${sort} ${dir} step ${j}: ${sql}`).toBeLessThanOrEqual(1);
            }
            const steps = plan(sql, next.params);
            const label = `${sort} ${dir} ${focus_group_id} step ${j}: ${steps.join(' | ')}`;
            expect(steps, label).toHaveLength(1);
            expect(steps[0], label).toMatch(
              j === 0
                ? /^SEARCH organizations USING COVERING INDEX idx_org_\w+ \(.*rowid[<>]\?\)$/
                : /^SEARCH organizations USING COVERING INDEX idx_org_\w+ \(.*[<>=]\?\)$/,
            );
          });
        }
      }
    }
  });

  it('reads the page rows by rowid, joining only their own attribute table (EXPLAIN QUERY PLAN)', () => {
    const columns = createOrganizationRepository(db).columns;
    for (const [sector, { sql }] of rowSql(db, columns)) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]') as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
      // The assessment and score columns too (d): each one seek, never a scan of their table.
      expect(plan, sector).not.toMatch(/SCAN o\b|SCAN a\b|SCAN d\b|TEMP B-TREE/);
      expect(plan, sector).toMatch(/SEARCH o USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      if (sector) expect(plan, sector).toMatch(/SEARCH a USING PRIMARY KEY \(organization_id=\?\)/);
      else expect(plan).not.toMatch(/org_attributes/);
    }
  });
});
