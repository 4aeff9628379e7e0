import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { columnCatalog } from '../../db/core/org-filters';
import { pgKeyQuery, positional } from '../../db/pg/org-sql';
import { loadReference } from '../../db/core/reference';
import type { OrgRow, ProgressEvent } from '../../shared/domain';
import {
  filterOpOf,
  isIndexedSort,
  orgSortColumns,
  type ColumnFilter,
  type ExportRequest,
  type OrgSelection,
} from '../../shared/org-query';
import { createBackend, type Backend } from './index';
import { storageEngines, type Engine } from './test/engines';
import { ok } from './test/results';

const engines = storageEngines();
const [sqlite, postgres] = engines as [Engine, Engine];

/**
 * A PostgreSQL database beside `url` whose default collation is linguistic (ICU en-US: "B" after
 * "ab", punctuation nearly ignored), as a team's server may well have: the organizations must still sort
 * and match text as SQLite does, by bytes.
 */
async function linguisticDatabase(url: string): Promise<string> {
  const client = new pg.Client(url);
  await client.connect();
  const name = `${new URL(url).pathname.slice(1)}_icu`;
  try {
    await client.query(
      `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
    );
  } finally {
    await client.end();
  }
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

async function openSeeded(engine: Engine, count: number, seed: number): Promise<Backend> {
  const created = await engine.newDatabase();
  const url = engine.name === 'postgres' ? await linguisticDatabase(created) : created;
  const backend = await createBackend({ dbFile: url });
  await ok(backend.invoke('schema:init', {}));
  await ok(backend.invoke('seed:sectorsDimensions', {}));
  if (count > 0) await ok(backend.invoke('orgs:insertSample', { count, seed }));
  // The Org-AI-R columns as both engines compute them, not as far as each background refresh got.
  await backend.refreshScores();
  return backend;
}

/** Ids and insert times differ between two databases; every other value must be equal. */
function comparable(rows: OrgRow[]): OrgRow[] {
  return rows.map(({ organization_id: _id, created_at: _created, updated_at: _updated, ...rest }) => rest);
}

async function exportText(backend: Backend, request: ExportRequest, signal?: AbortSignal) {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const result = await backend.exportOrganizations(request, { stream }, signal);
  return { ...result, text };
}

const all = [...columnCatalog().values()];
const sectors = loadReference().focus_groups.map((group) => group.focus_group_id);
/** Columns whose values differ between two databases of the same seed (ids, insert times). */
const perDatabase = new Set(['organization_id', 'created_at', 'updated_at']);

const columnFilterArb: fc.Arbitrary<ColumnFilter> = fc
  .constantFrom(...all.filter((column) => !perDatabase.has(column.name)))
  .chain((column): fc.Arbitrary<ColumnFilter> => {
    switch (filterOpOf(column.kind)) {
      case 'contains':
        return fc
          .constantFrom('a', 'e', 'son', 'LLC', 'in', '1', '-', 'pe_', 'x', '%', 'S')
          .map((text) => ({ column: column.name, op: 'contains', text }));
      case 'range':
        return fc
          .tuple(
            fc.option(fc.constantFrom(0, 1, 2.5, 50, 1_000, 1_000_000), { nil: null }),
            fc.option(fc.constantFrom(10, 100, 5_000, 1e9), { nil: null }),
          )
          .filter(
            ([min, max]) => (min !== null || max !== null) && (min === null || max === null || min <= max),
          )
          .map(([min, max]) => ({ column: column.name, op: 'range', min, max }));
      case 'is':
        return fc.boolean().map((value) => ({ column: column.name, op: 'is', value }));
      case 'has':
        return fc
          .constantFrom('SEC', 'FINRA', 'ABB Ability', 'AWS IoT', 'Siemens SIMATIC', 'AVEVA PI', 'nothing')
          .map((item) => ({ column: column.name, op: 'has', item }));
    }
  });

const selectionArb: fc.Arbitrary<OrgSelection> = fc.record({
  sort: fc.constantFrom(...all.map((column) => column.name)),
  dir: fc.constantFrom('asc' as const, 'desc' as const),
  focus_group_id: fc.option(fc.constantFrom(...sectors), { nil: undefined }),
  status: fc.option(fc.constantFrom('active' as const, 'inactive' as const, 'archived' as const), {
    nil: undefined,
  }),
  search: fc.option(fc.constantFrom('an', 'son', 'LLC', 'z', 'O', '-'), { nil: undefined }),
  where: fc.option(fc.array(columnFilterArb, { maxLength: 2 }), { nil: undefined }),
});

describe('the same organizations on SQLite and PostgreSQL', () => {
  const SAMPLE = 700;
  let backends: [Backend, Backend] | undefined;
  beforeAll(async () => {
    if (postgres.skip !== null) return;
    backends = [await openSeeded(sqlite, SAMPLE, 11), await openSeeded(postgres, SAMPLE, 11)];
  }, 120_000);
  afterAll(async () => {
    await Promise.all((backends ?? []).map((backend) => backend.close()));
  });
  const both = <T>(read: (backend: Backend) => Promise<T>) => Promise.all((backends ?? []).map(read));

  it.skipIf(postgres.skip !== null)('describes the same columns', async () => {
    const [a, b] = await both((backend) => ok(backend.invoke('orgs:columns', {})));
    expect(b).toEqual(a);
    expect(a).toHaveLength(105);
  });

  it.skipIf(postgres.skip !== null)(
    'gives the same rows at the same positions for any sort and filter, and the same totals',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          selectionArb,
          fc.integer({ min: 0, max: SAMPLE }),
          fc.integer({ min: 1, max: 80 }),
          async (selection, start, count) => {
            const [a, b] = await both((backend) =>
              ok(backend.invoke('orgs:rows', { ...selection, start, count })),
            );
            expect(b?.total).toBe(a?.total);
            expect(comparable(b?.rows ?? [])).toEqual(comparable(a?.rows ?? []));
          },
        ),
        { numRuns: 120 },
      );
    },
    120_000,
  );

  it.skipIf(postgres.skip !== null)(
    'pages through every indexed sort in the same order, forwards and backwards',
    async () => {
      const walk = async (
        backend: Backend,
        selection: OrgSelection & { sort: (typeof orgSortColumns)[number] },
      ) => {
        const names: OrgRow[] = [];
        let page = await ok(backend.invoke('orgs:query', { ...selection, limit: 97 }));
        names.push(...page.rows);
        while (page.next_cursor) {
          page = await ok(backend.invoke('orgs:query', { ...selection, limit: 97, after: page.next_cursor }));
          names.push(...page.rows);
        }
        const back: OrgRow[] = [...page.rows];
        while (page.prev_cursor) {
          page = await ok(
            backend.invoke('orgs:query', { ...selection, limit: 97, before: page.prev_cursor }),
          );
          back.unshift(...page.rows);
        }
        expect(back).toEqual(names);
        return comparable(names);
      };
      await fc.assert(
        fc.asyncProperty(
          selectionArb.chain((selection) =>
            fc.constantFrom(...orgSortColumns).map((sort) => ({ ...selection, sort })),
          ),
          async (selection) => {
            const [a, b] = await both((backend) => walk(backend, selection));
            expect(b).toEqual(a);
          },
        ),
        { numRuns: 25 },
      );
    },
    120_000,
  );

  it.skipIf(postgres.skip !== null)('exports the same CSV and JSON text', async () => {
    const columns = all.map((column) => column.name).filter((name) => !perDatabase.has(name));
    const requests: ExportRequest[] = [
      { sort: 'legal_name', dir: 'asc', format: 'csv', columns },
      { sort: 'annual_revenue_usd', dir: 'desc', format: 'json', columns, status: 'active' },
      { sort: 'iot_platforms', dir: 'asc', format: 'csv', columns, focus_group_id: 'pe_manufacturing' },
      { sort: 'aum_billions', dir: 'desc', format: 'json', columns, search: 'son' },
      { sort: 'legal_name', dir: 'asc', format: 'json', columns, search: 'no such name' },
    ];
    for (const request of requests) {
      const [a, b] = await both((backend) => exportText(backend, request));
      expect(b?.rows).toBe(a?.rows);
      expect(b?.text).toBe(a?.text);
    }
  });

  it.skipIf(postgres.skip !== null)('counts the same as the rows it pages through', async () => {
    await fc.assert(
      fc.asyncProperty(selectionArb, async (selection) => {
        const [a, b] = await both((backend) =>
          ok(backend.invoke('orgs:rows', { ...selection, start: 0, count: 1 })),
        );
        expect(b?.total).toBe(a?.total);
      }),
      { numRuns: 40 },
    );
  });
});

describe.each(engines)('organizations on $name', (engine) => {
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  it.skipIf(engine.skip !== null)(
    'reads every position window as a slice of the full ordered export, with the export count as total',
    async () => {
      const N = 1_500;
      backend = await openSeeded(engine, N, 5);
      const opened = backend;
      const cases: OrgSelection[] = [
        { sort: 'legal_name', dir: 'asc' },
        { sort: 'annual_revenue_usd', dir: 'desc' },
        { sort: 'status', dir: 'asc', focus_group_id: 'pe_energy' },
        { sort: 'founding_year', dir: 'desc', search: 'a' },
        { sort: 'plant_count', dir: 'asc' },
        { sort: 'headquarters_city', dir: 'desc', status: 'active' },
      ];
      for (const selection of cases) {
        const full = await exportText(opened, { ...selection, format: 'json', columns: ['organization_id'] });
        const ids = (JSON.parse(full.text) as { organization_id: string }[]).map(
          (row) => row.organization_id,
        );
        expect(new Set(ids).size).toBe(ids.length);
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: 0, max: ids.length + 5 }),
            fc.integer({ min: 1, max: 300 }),
            async (start, count) => {
              const window = await ok(opened.invoke('orgs:rows', { ...selection, start, count }));
              expect(window.total).toBe(ids.length);
              expect(window.rows.map((row) => row.organization_id)).toEqual(ids.slice(start, start + count));
            },
          ),
          { numRuns: 30 },
        );
      }
    },
    120_000,
  );

  it.skipIf(engine.skip !== null)(
    'sorts blanks last in both directions: by position, page by page and in the export',
    async () => {
      backend = await openSeeded(engine, 1_200, 8);
      const opened = backend;
      // Organizations without revenue, founding year or country, the blanks of indexed sorts.
      for (let i = 0; i < 7; i++) {
        await ok(
          opened.invoke('orgs:add', {
            values: { focus_group_id: 'pe_healthcare', legal_name: `Blank ${i} LLC`, bed_count: i * 10 },
          }),
        );
      }
      const sorts = [
        'annual_revenue_usd',
        'founding_year',
        'headquarters_country',
        'bed_count',
        'ticker_symbol',
      ];
      for (const sort of sorts) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const filter of [{}, { focus_group_id: 'pe_healthcare' }]) {
            const selection = { ...filter, sort, dir };
            const label = JSON.stringify(selection);
            const { total } = await ok(opened.invoke('orgs:rows', { ...selection, start: 0, count: 1 }));
            // Windows far from the start (through the anchors or the sorted order) and across the
            // first blank.
            const values: (string | number | null)[] = [];
            for (let start = 0; start < total; start += 173) {
              const window = await ok(opened.invoke('orgs:rows', { ...selection, start, count: 173 }));
              values.push(...window.rows.map((row) => row[sort] as string | number | null));
            }
            expect(values, label).toHaveLength(total);
            const firstBlank = values.indexOf(null);
            expect(firstBlank, label).toBeGreaterThan(0);
            expect(
              values.slice(firstBlank).every((v) => v === null),
              label,
            ).toBe(true);
            const shown = values.slice(0, firstBlank) as (string | number)[];
            const sorted = [...shown].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
            expect(shown, label).toEqual(dir === 'asc' ? sorted : sorted.reverse());
            const exported = await exportText(opened, { ...selection, format: 'json', columns: [sort] });
            const rows = JSON.parse(exported.text) as Record<string, string | number | null>[];
            expect(
              rows.map((row) => row[sort]),
              label,
            ).toEqual(values);
          }
        }
        if (!isIndexedSort(sort)) continue;
        for (const dir of ['asc', 'desc'] as const) {
          const paged: (string | number | null)[] = [];
          let page = await ok(opened.invoke('orgs:query', { sort, dir, limit: 211 }));
          paged.push(...page.rows.map((row) => row[sort] as string | number | null));
          while (page.next_cursor) {
            page = await ok(opened.invoke('orgs:query', { sort, dir, limit: 211, after: page.next_cursor }));
            paged.push(...page.rows.map((row) => row[sort] as string | number | null));
          }
          expect(
            paged.slice(paged.indexOf(null)).every((v) => v === null),
            `${sort} ${dir}`,
          ).toBe(true);
          expect(paged.filter((v) => v === null).length, `${sort} ${dir}`).toBeGreaterThanOrEqual(7);
        }
      }
    },
    120_000,
  );

  it.skipIf(engine.skip !== null)(
    'exports a part of the view (the first rows, a selected range) and, when asked, with the labels',
    async () => {
      backend = await openSeeded(engine, 2_500, 6);
      const selection = { sort: 'employee_count', dir: 'desc' as const, status: 'active' as const };
      const columns = ['legal_name', 'employee_count', 'hipaa_certified'];
      const names = async (request: ExportRequest) =>
        (JSON.parse((await exportText(backend!, { ...request, format: 'json' })).text) as OrgRow[]).map(
          (row) => row.legal_name,
        );
      const whole = await names({ ...selection, columns });
      expect(whole.length).toBeGreaterThan(2_050);
      expect(await names({ ...selection, columns, limit: 25 })).toEqual(whole.slice(0, 25));
      // A range across the engines' chunks (1,000 rows on SQLite, 2,000 on PostgreSQL), and one
      // running past the end.
      expect(await names({ ...selection, columns, start: 1_990, limit: 30 })).toEqual(
        whole.slice(1_990, 2_020),
      );
      expect(await names({ ...selection, columns, start: whole.length - 3, limit: 10 })).toEqual(
        whole.slice(-3),
      );
      const part = await exportText(backend, { ...selection, columns, start: 5, limit: 4, labels: true });
      expect(part.rows).toBe(4);
      const lines = part.text.trim().split('\n');
      expect(lines[0]).toBe('Legal name,Employees,HIPAA certified');
      expect(lines).toHaveLength(5);
      expect(lines.slice(1).every((line) => /,(Yes|No|)$/.test(line))).toBe(true);
    },
    120_000,
  );

  it.skipIf(engine.skip !== null)(
    'refuses a cursor of another sort and an unknown sector in one line',
    async () => {
      backend = await openSeeded(engine, 30, 2);
      const page = await ok(backend.invoke('orgs:query', { sort: 'legal_name', limit: 5 }));
      expect(
        await backend.invoke('orgs:query', { sort: 'status', limit: 5, after: page.next_cursor }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(
        await backend.invoke('orgs:rows', { focus_group_id: 'pe_nowhere', start: 0, count: 5 }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Unknown sector: pe_nowhere' } });
    },
  );

  it.skipIf(engine.skip !== null)(
    'cancels an insert keeping whole batches, with counts and per-sector figures to match',
    async () => {
      backend = await openSeeded(engine, 0, 0);
      const opened = backend;
      const progress: ProgressEvent[] = [];
      opened.subscribe('progress', (event) => {
        progress.push(event);
        if (event.done > 0 && !event.finished) void opened.invoke('orgs:cancelInsert', {});
      });
      const result = await ok(opened.invoke('orgs:insertSample', { count: 40_000, seed: 3 }));
      expect(result.cancelled).toBe(true);
      expect(result.inserted).toBeGreaterThan(0);
      expect(result.inserted).toBeLessThan(40_000);
      expect(Object.values(result.per_sector).reduce((a, b) => a + b, 0)).toBe(result.inserted);
      expect(progress.some((event) => event.done === result.inserted)).toBe(true);
      expect((await ok(opened.invoke('db:status', {}))).organizations).toBe(result.inserted);
      for (const [sector, n] of Object.entries(result.per_sector)) {
        const page = await ok(opened.invoke('orgs:query', { focus_group_id: sector, limit: 1 }));
        expect(page.total).toBe(n);
      }
    },
    120_000,
  );

  it.skipIf(engine.skip !== null)('stops an export between chunks, keeping whole rows', async () => {
    backend = await openSeeded(engine, 5_000, 9);
    const stop = new AbortController();
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        // The header, then the first chunk of rows: cancel there.
        if (text.split('\n').length > 100) stop.abort();
        done();
      },
    });
    const result = await backend.exportOrganizations(
      { sort: 'legal_name', dir: 'asc' },
      { stream },
      stop.signal,
    );
    expect(result.cancelled).toBe(true);
    expect(result.rows).toBeGreaterThan(0);
    expect(result.rows).toBeLessThan(5_000);
    // Whole chunks of whole rows reached the stream. (SQLite's worker may count one chunk more than
    // the stream took: its cancel reaches the worker after the main thread dropped that chunk.)
    expect(text.endsWith('\n')).toBe(true);
    const written = text.trim().split('\n').length - 1;
    expect(written % 1_000).toBe(0);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(result.rows);
  });
});

describe('SQLite windows under concurrent writes', () => {
  it("takes a window's rows and its total from one snapshot while another process deletes rows", async () => {
    const file = await sqlite.newDatabase();
    const backend = await createBackend({ dbFile: file });
    let deleter: ReturnType<typeof spawn> | undefined;
    try {
      await ok(backend.invoke('schema:init', {}));
      await ok(backend.invoke('seed:sectorsDimensions', {}));
      await ok(backend.invoke('orgs:insertSample', { count: 3_000, seed: 4 }));
      // A script beside the app removes the last organization by name, one commit at a time.
      deleter = spawn('python3', [
        '-c',
        [
          'import sqlite3, sys',
          'db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)',
          'while True:',
          '    db.execute("DELETE FROM organizations WHERE rowid = (SELECT rowid FROM organizations ORDER BY legal_name DESC LIMIT 1)")',
        ].join('\n'),
        file,
      ]);
      let total = 3_000;
      const deadline = Date.now() + 20_000;
      while (total === 3_000 && Date.now() < deadline) {
        total = (
          await ok(backend.invoke('orgs:rows', { sort: 'legal_name', dir: 'asc', start: 0, count: 1 }))
        ).total;
      }
      expect(total).toBeLessThan(3_000);
      const mismatches: string[] = [];
      for (let i = 0; i < 300 && mismatches.length === 0; i++) {
        const start = Math.max(0, total - 50);
        const window = await ok(
          backend.invoke('orgs:rows', { sort: 'legal_name', dir: 'asc', start, count: 50 }),
        );
        const expected = Math.max(0, Math.min(start + 50, window.total) - start);
        if (window.rows.length !== expected) {
          mismatches.push(`${window.rows.length} rows at ${start} with a total of ${window.total}`);
        }
        total = window.total;
      }
      expect(mismatches).toEqual([]);
    } finally {
      deleter?.kill();
      await backend.close();
    }
  }, 120_000);
});

describe('PostgreSQL windows under concurrent writes', () => {
  it.skipIf(postgres.skip !== null)(
    "takes a window's rows and its total from one snapshot while another session deletes rows",
    async () => {
      const url = await postgres.newDatabase();
      const backend = await createBackend({ dbFile: url });
      const writer = new pg.Client(url);
      await writer.connect();
      let writing = true;
      try {
        await ok(backend.invoke('schema:init', {}));
        await ok(backend.invoke('seed:sectorsDimensions', {}));
        await ok(backend.invoke('orgs:insertSample', { count: 3_000, seed: 4 }));
        // Another session removes the last organizations by name, one statement at a time.
        const deletes = (async () => {
          while (writing) {
            await writer.query(
              `DELETE FROM organizations WHERE organization_id IN
                 (SELECT organization_id FROM organizations ORDER BY legal_name COLLATE "C" DESC LIMIT 1)`,
            );
          }
        })();
        const mismatches: string[] = [];
        let total = 3_000;
        for (let i = 0; i < 150 && mismatches.length === 0; i++) {
          // The last 50 rows as the previous window counted them, read the way a scrollbar does.
          const start = Math.max(0, total - 50);
          const window = await ok(
            backend.invoke('orgs:rows', { sort: 'legal_name', dir: 'asc', start, count: 50 }),
          );
          const expected = Math.max(0, Math.min(start + 50, window.total) - start);
          if (window.rows.length !== expected) {
            mismatches.push(`${window.rows.length} rows at ${start} with a total of ${window.total}`);
          }
          total = window.total;
        }
        writing = false;
        await deletes;
        expect(mismatches).toEqual([]);
      } finally {
        writing = false;
        await writer.end();
        await backend.close();
      }
    },
    120_000,
  );
});

describe('PostgreSQL page plans', () => {
  it.skipIf(postgres.skip !== null)(
    'seeks every indexed sort, alone or within a sector or status, on an index in order',
    async () => {
      const created = await postgres.newDatabase();
      const url = await linguisticDatabase(created);
      const backend = await createBackend({ dbFile: url });
      const client = new pg.Client(url);
      await client.connect();
      try {
        await ok(backend.invoke('schema:init', {}));
        await ok(backend.invoke('seed:sectorsDimensions', {}));
        await ok(backend.invoke('orgs:insertSample', { count: 300, seed: 1 }));
        await client.query('ANALYZE');
        // With sorting priced out, a plan still sorts only when no index yields the order.
        await client.query('SET enable_sort = off');
        await client.query('SET enable_seqscan = off');
        for (const sort of orgSortColumns) {
          for (const filter of [{}, { focus_group_id: 'pe_retail' }, { status: 'active' as const }]) {
            for (const dir of ['asc', 'desc'] as const) {
              const selection = { ...filter, sort, dir };
              const page = await ok(backend.invoke('orgs:query', { ...selection, limit: 2 }));
              expect(page.next_cursor).not.toBeNull();
              const query = pgKeyQuery({ ...selection, after: page.next_cursor });
              // Each range of the first key (blanks last) is a seek of its own.
              for (const [j, sql] of query.steps.entries()) {
                const step = positional(sql, { ...query.params, limit: 51 });
                const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
                  `EXPLAIN (FORMAT JSON) ${step.text}`,
                  step.values,
                );
                const plan = JSON.stringify(rows[0]?.['QUERY PLAN']);
                expect(plan, `${sort} ${dir} ${JSON.stringify(filter)}`).not.toContain('"Sort"');
                expect(plan).toMatch(/"Index (Only )?Scan"/);
                // The seek covers the filter and the cursor wherever an index leads with them (a
                // status filter is checked row by row under sorts other than status and name). The
                // ranges after the cursor's (negative keys, blanks), which the statistics say are
                // empty here, may be sought on either index.
                if (j === 0 && (!('status' in filter) || sort === 'status' || sort === 'legal_name')) {
                  expect(plan, `${sort} ${dir} ${JSON.stringify(filter)}`).not.toContain('"Filter"');
                }
              }
            }
          }
        }
      } finally {
        await client.end();
        await backend.close();
      }
    },
    60_000,
  );
});
