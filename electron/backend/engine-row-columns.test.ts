import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysReadColumns } from '../../db/core/row-columns';
import type { OrgRow } from '../../shared/domain';
import type { OrgSelection } from '../../shared/org-query';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { ok } from './test/results';

const selections: OrgSelection[] = [
  { sort: 'legal_name', dir: 'asc' },
  { sort: 'annual_revenue_usd', dir: 'desc', focus_group_id: 'pe_healthcare' },
  { sort: 'plant_count', dir: 'asc' },
  { sort: 'org_air', dir: 'desc', status: 'active' },
];

/** Only these of a row's values, in the order given. */
const pick = (row: OrgRow, names: string[]) => Object.fromEntries(names.map((name) => [name, row[name]]));

describe.each(storageEngines())('rows with the columns the grid asks for on $name', (engine) => {
  let backend: Backend;
  let view: string[];

  beforeAll(async () => {
    if (engine.skip !== null) return;
    backend = await createBackend({ dbFile: await engine.newDatabase() });
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    await ok(backend.invoke('seed:weightsCalibrations', {}));
    await ok(backend.invoke('orgs:insertSample', { count: 400, seed: 3 }));
    await backend.refreshScores();
    view = (await ok(backend.invoke('orgs:columns', {}))).map((column) => column.name);
  }, 120_000);
  afterAll(async () => {
    if (engine.skip === null) await backend.close();
  });

  it.skipIf(engine.skip !== null)(
    "a window and a page carry exactly the columns named, the ones every row needs and the sort's, with the full row's values",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...selections),
          fc.subarray(view, { minLength: 1, maxLength: 12 }),
          fc.integer({ min: 0, max: 420 }),
          fc.integer({ min: 1, max: 120 }),
          async (selection, columns, start, count) => {
            const expected = view.filter(
              (name) => columns.includes(name) || alwaysReadColumns.includes(name) || name === selection.sort,
            );
            const full = await ok(backend.invoke('orgs:rows', { ...selection, start, count }));
            const some = await ok(backend.invoke('orgs:rows', { ...selection, start, count, columns }));
            expect(some.total).toBe(full.total);
            for (const row of some.rows) expect(Object.keys(row)).toEqual(expected);
            expect(some.rows).toEqual(full.rows.map((row) => pick(row, expected)));

            if (selection.sort === 'legal_name') {
              const query = { ...selection, sort: 'legal_name' as const, limit: count };
              const page = await ok(backend.invoke('orgs:query', { ...query, columns }));
              const fullPage = await ok(backend.invoke('orgs:query', query));
              expect(page.columns).toEqual(expected);
              expect(page.rows).toEqual(fullPage.rows.map((row) => pick(row, expected)));
            }
          },
        ),
        { numRuns: 40 },
      );
    },
    120_000,
  );

  it.skipIf(engine.skip !== null)('reads every column when none are named', async () => {
    const { rows } = await ok(
      backend.invoke('orgs:rows', { sort: 'legal_name', dir: 'asc', start: 0, count: 3 }),
    );
    for (const row of rows) expect(Object.keys(row)).toEqual(view);
  });

  it.skipIf(engine.skip !== null)(
    'refuses a column the view does not have, naming it, on both row requests',
    async () => {
      const unknown = fc.stringMatching(/^[a-z][a-z0-9_]{0,30}$/).filter((name) => !view.includes(name));
      await fc.assert(
        fc.asyncProperty(fc.subarray(view, { maxLength: 5 }), unknown, fc.nat(), async (known, name, at) => {
          const columns = [...known];
          columns.splice(at % (known.length + 1), 0, name);
          for (const result of [
            await backend.invoke('orgs:rows', {
              sort: 'legal_name',
              dir: 'asc',
              start: 0,
              count: 5,
              columns,
            }),
            await backend.invoke('orgs:query', { columns }),
          ]) {
            expect(result).toMatchObject({
              ok: false,
              error: { code: 'INVALID_INPUT', message: `Unknown column: ${name}` },
            });
          }
        }),
        { numRuns: 40 },
      );
    },
    60_000,
  );
});
