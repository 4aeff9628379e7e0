import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  isIndexedSort,
  orgWindow,
  type ColumnFilter,
  type OrgSelection,
  type OrgSortColumn,
} from '../../shared/org-query';
import { blankKeys } from '../core/blank-sort';
import type { Db } from './connection';
import { columnCatalog } from '../core/org-filters';
import { createPositionReader, type PositionReader } from './org-positions';
import { ANCHOR_EVERY } from '../core/cursor';
import { createOrganizationRepository } from './org-repo';
import { insertSamples } from './sample-orgs';
import { seededDb } from '../test/helpers';

type Raw = Record<string, string | number | null>;

let db: Db;
let reader: PositionReader;
/** The same reads with every window past the first through the anchors. */
let anchored: PositionReader;
let view: Raw[];
const columns = [...columnCatalog().values()];

beforeAll(async () => {
  db = seededDb();
  await insertSamples(db, { count: 640, seed: 5 });
  // NULLs and ties are where ordered reads usually skip or repeat a row.
  db.prepare(
    'UPDATE organizations SET annual_revenue_usd = NULL, headquarters_country = NULL WHERE rowid % 9 = 0',
  ).run();
  db.prepare(
    "UPDATE organizations SET legal_name = 'Same Name LLC', founding_year = NULL WHERE rowid % 13 = 0",
  ).run();
  reader = createPositionReader(db, createOrganizationRepository(db));
  anchored = createPositionReader(db, createOrganizationRepository(db), { nearEnd: 0 });
  view = db.prepare('SELECT * FROM vw_organizations_full').all() as Raw[];
});

/** The sort keys of the indexed orders (db/org-repo.ts), as plain expressions over the view. */
const indexedKeys: Record<string, string[]> = {
  legal_name: ['legal_name'],
  annual_revenue_usd: ['coalesce(annual_revenue_usd, -1)'],
  employee_count: ['coalesce(employee_count, -1)'],
  founding_year: ['coalesce(founding_year, 0)'],
  headquarters_country: ["coalesce(headquarters_country, '')"],
  status: ['status', 'legal_name'],
  sector_name: ['focus_group_id', 'legal_name'],
};

/** The oracle: a plain ORDER BY over the view, filtered here in JavaScript. */
function expectedIds(selection: OrgSelection): string[] {
  const keys = indexedKeys[selection.sort] ?? [selection.sort];
  const dir = selection.dir === 'asc' ? 'ASC' : 'DESC';
  // Blanks last in both directions (an indexed key's folded value counts as blank); ties go in
  // rowid order, as every paging index ends in the rowid.
  const blank = blankKeys[selection.sort as OrgSortColumn];
  const last =
    blank === undefined
      ? `${selection.sort} IS NULL`
      : `${keys[0]} = ${JSON.stringify(blank).replace(/"/g, "'")}`;
  const order = [`${last} ASC`, ...[...keys, 'tie'].map((k) => `${k} ${dir}`)].join(', ');
  const ordered = db
    .prepare(
      `SELECT organization_id FROM (SELECT v.*, o.rowid AS tie FROM vw_organizations_full AS v
         JOIN organizations AS o ON o.organization_id = v.organization_id) ORDER BY ${order}`,
    )
    .pluck()
    .all() as string[];
  const kept = new Set(view.filter((row) => matches(row, selection)).map((row) => row.organization_id));
  return ordered.filter((id) => kept.has(id));
}

/** LIKE folds ASCII letters only. */
const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

function matches(row: Raw, selection: OrgSelection): boolean {
  if (selection.focus_group_id && row.focus_group_id !== selection.focus_group_id) return false;
  if (selection.status && row.status !== selection.status) return false;
  if (selection.search && !fold(String(row.legal_name)).includes(fold(selection.search))) return false;
  return (selection.where ?? []).every((filter) => {
    const value = row[filter.column] ?? null;
    if (value === null) return false;
    switch (filter.op) {
      case 'contains':
        return fold(String(value)).includes(fold(filter.text));
      case 'range':
        return (
          (filter.min == null || Number(value) >= filter.min) &&
          (filter.max == null || Number(value) <= filter.max)
        );
      case 'is':
        return value === (filter.value ? 1 : 0);
      case 'has':
        return (JSON.parse(String(value)) as string[]).includes(filter.item);
    }
  });
}

/** A value some row holds in `column`, so that generated filters usually keep some rows. */
function sample(column: string, pick: number): string | number | null {
  const values = view.map((row) => row[column] ?? null).filter((v) => v !== null);
  return values.length === 0 ? null : (values[pick % values.length] ?? null);
}

const filterArb: fc.Arbitrary<ColumnFilter | null> = fc
  .tuple(fc.constantFrom(...columns), fc.nat(), fc.nat({ max: 3 }), fc.boolean())
  .map(([column, pick, cut, flag]): ColumnFilter | null => {
    const value = sample(column.name, pick);
    if (value === null) return null;
    switch (column.kind) {
      case 'text': {
        const text = String(value);
        const part = text.slice(cut, cut + 3).trim();
        return part === ''
          ? null
          : { column: column.name, op: 'contains', text: flag ? part.toUpperCase() : part };
      }
      case 'integer':
      case 'decimal':
        return flag
          ? { column: column.name, op: 'range', min: Number(value) }
          : { column: column.name, op: 'range', min: Number(value) - cut, max: Number(value) + cut * 1000 };
      case 'boolean':
        return { column: column.name, op: 'is', value: flag };
      case 'array': {
        const items = JSON.parse(String(value)) as string[];
        const item = items[pick % Math.max(items.length, 1)];
        return item === undefined ? null : { column: column.name, op: 'has', item };
      }
    }
  });

/** Mostly absent, so that combined filters still keep rows. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: arb, weight: 1 });
}

const selectionArb = fc.record({
  sort: fc.constantFrom(...columns.map((c) => c.name)),
  dir: fc.constantFrom('asc' as const, 'desc' as const),
  focus_group_id: sometimes(fc.constantFrom('pe_healthcare', 'pe_manufacturing', 'pe_technology')),
  status: sometimes(fc.constantFrom('active' as const, 'archived' as const)),
  search: sometimes(fc.constantFrom('llc', 'Same', 'an', '%', 'x_')),
  where: fc.array(filterArb, { maxLength: 2 }).map((list) => list.filter((f) => f !== null)),
});

describe('rows by position', () => {
  it('returns exactly the oracle rows for any window of any filter and sort', () => {
    fc.assert(
      fc.property(
        selectionArb,
        fc.nat({ max: 700 }),
        fc.integer({ min: 1, max: 250 }),
        (input, start, count) => {
          const window = orgWindow.parse({ ...input, start, count });
          const { start: _s, count: _c, ...selection } = window;
          const expected = expectedIds(selection);
          const got = reader.rows(window);
          expect(got.total).toBe(expected.length);
          expect(got.start).toBe(start);
          expect(got.rows.map((row) => row.organization_id)).toEqual(expected.slice(start, start + count));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('walks a whole order in windows of any size without skipping or repeating a row', () => {
    fc.assert(
      fc.property(
        selectionArb,
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1 }),
        (input, sizes) => {
          const selection = orgWindow.parse({ ...input, where: [], start: 0, count: 1 });
          const expected = expectedIds(selection);
          const seen: unknown[] = [];
          for (let i = 0; seen.length < expected.length; i++) {
            const count = sizes[i % sizes.length] ?? 1;
            const { rows } = (i % 2 === 0 ? reader : anchored).rows({
              ...selection,
              start: seen.length,
              count,
            });
            expect(rows.length).toBeGreaterThan(0);
            seen.push(...rows.map((row) => row.organization_id));
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads past the anchors of an indexed sort with one seek per window', () => {
    const selection = orgWindow.parse({ sort: 'annual_revenue_usd', dir: 'desc', start: 0, count: 1 });
    const expected = expectedIds(selection);
    const at = ANCHOR_EVERY * 3 + 17;
    expect(reader.rows({ ...selection, start: at, count: 5 }).rows.map((r) => r.organization_id)).toEqual(
      expected.slice(at, at + 5),
    );
  });

  it('reads the data again after the file changes', async () => {
    const fresh = seededDb();
    const other = createPositionReader(fresh, createOrganizationRepository(fresh));
    for (const sort of ['plant_count', 'legal_name']) {
      const window = orgWindow.parse({ sort, start: 0, count: 500 });
      expect(other.rows(window).total).toBe(0);
    }
    await insertSamples(fresh, { count: 230, seed: 9 });
    for (const sort of ['plant_count', 'legal_name']) {
      const window = orgWindow.parse({ sort, dir: 'desc', start: 150, count: 500 });
      const { total, rows } = other.rows(window);
      expect(total).toBe(230);
      expect(rows).toHaveLength(80);
    }
  });

  it('refuses an unknown sort column or sector with a one-line error', () => {
    expect(() => reader.rows(orgWindow.parse({ sort: 'nope', start: 0, count: 1 }))).toThrow(
      'Unknown column: nope',
    );
    expect(() => reader.rows(orgWindow.parse({ focus_group_id: 'pe_nowhere', start: 0, count: 1 }))).toThrow(
      'Unknown sector: pe_nowhere',
    );
    expect(() =>
      reader.rows(
        orgWindow.parse({
          where: [{ column: 'plant_count', op: 'contains', text: '3' }],
          start: 0,
          count: 1,
        }),
      ),
    ).toThrow('Column plant_count holds integer values: filter it with "range", not "contains"');
  });
});

describe('scan for export', () => {
  it('yields every row of a sorted-once order in the oracle order, in chunks', () => {
    fc.assert(
      fc.property(selectionArb, fc.integer({ min: 1, max: 200 }), (input, chunk) => {
        const selection = orgWindow.parse({ ...input, start: 0, count: 1 });
        const { start: _s, count: _c, ...rest } = selection;
        const ids = [...reader.scan(rest, chunk)].flatMap((rows) => rows.map((row) => row[0]));
        expect(ids).toEqual(expectedIds(rest));
      }),
      { numRuns: 40 },
    );
  });

  it('drops the temporary table an export sorted into', () => {
    const tables = () =>
      db.prepare("SELECT count(*) FROM temp.sqlite_master WHERE type = 'table'").pluck().get() as number;
    const before = tables();
    const scan = reader.scan({ sort: 'bed_count', dir: 'asc' }, 50);
    scan.next();
    expect(tables()).toBe(before + 1);
    scan.return(undefined);
    expect(tables()).toBe(before);
    expect(isIndexedSort('bed_count')).toBe(false);
  });
});
