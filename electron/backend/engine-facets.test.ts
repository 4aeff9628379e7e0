import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgFacetsRequest, type OrgFacet } from '../../shared/org-facets';
import { orgStatuses, type ColumnFilter, type OrgFilter } from '../../shared/org-query';
import { loadReference } from '../../db/core/reference';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { failure, ok } from './test/results';

const engines = storageEngines();
const sectors = loadReference().focus_groups.map((group) => group.focus_group_id);
/** Yes/no attributes of three sectors, and the facets every menu has. */
const yesNo = ['hipaa_certified', 'fhir_enabled', 'cloud_native', 'edge_computing'] as const;
const facetColumns = ['focus_group_id', 'status', ...yesNo];

const filterArb: fc.Arbitrary<OrgFilter> = fc.record({
  focus_group_id: fc.option(fc.constantFrom(...sectors), { nil: undefined }),
  status: fc.option(fc.constantFrom(...orgStatuses), { nil: undefined }),
  search: fc.option(fc.constantFrom('an', 'son', 'LLC', 'z'), { nil: undefined }),
  where: fc.option(
    fc.array(
      fc.oneof(
        fc
          .tuple(fc.constantFrom(...yesNo), fc.boolean())
          .map(([column, value]): ColumnFilter => ({ column, op: 'is', value })),
        fc.constantFrom<ColumnFilter>(
          { column: 'employee_count', op: 'range', min: 1_000, max: null },
          { column: 'headquarters_city', op: 'contains', text: 'e' },
        ),
      ),
      { maxLength: 2 },
    ),
    { nil: undefined },
  ),
});

/** The filter once a facet's value is chosen in its menu: its own condition replaced. */
function choosing(filter: OrgFilter, column: string, value: string | boolean): OrgFilter {
  if (column === 'focus_group_id') return { ...filter, focus_group_id: value as string };
  if (column === 'status') return { ...filter, status: value as OrgFilter['status'] };
  const where = (filter.where ?? []).filter((f) => f.column !== column);
  return { ...filter, where: [...where, { column, op: 'is', value: value as boolean }] };
}

describe.each(engines)('facet counts on $name', (engine) => {
  let backend: Backend;
  const facets = async (filter: OrgFilter, columns = facetColumns, budget?: number) =>
    (await ok(backend.invoke('orgs:facets', { ...filter, columns, budget }))).facets;
  const total = async (filter: OrgFilter) =>
    (await ok(backend.invoke('orgs:query', { ...filter, limit: 1 }))).total;

  beforeAll(async () => {
    if (engine.skip !== null) return;
    backend = await createBackend({ dbFile: await engine.newDatabase() });
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    await ok(backend.invoke('orgs:insertSample', { count: 900, seed: 5 }));
  }, 120_000);
  afterAll(async () => {
    await backend?.close();
  });

  it.skipIf(engine.skip !== null)(
    'counts per value what the grid totals once the value is chosen, under any filter',
    async () => {
      await fc.assert(
        fc.asyncProperty(filterArb, async (filter) => {
          for (const facet of await facets(filter)) {
            expect(facet.complete).toBe(true);
            for (const { value, count } of facet.values) {
              expect(count, `${facet.column}=${String(value)}`).toBe(
                await total(choosing(filter, facet.column, value)),
              );
            }
            // A value left out is one no matching organization holds.
            const shown = facet.values.reduce((sum, v) => sum + v.count, 0);
            if (facet.column === 'focus_group_id' || facet.column === 'status') {
              const { [facet.column]: _own, ...rest } = filter;
              expect(shown).toBe(await total(rest));
            }
          }
        }),
        { numRuns: 12 },
      );
    },
    120_000,
  );

  it.skipIf(engine.skip !== null)('reads the counts table for sector and status alone', async () => {
    const [sector, status] = (await facets({ status: 'active' }, ['focus_group_id', 'status'])) as [
      OrgFacet,
      OrgFacet,
    ];
    expect(sector.source).toBe('counts');
    expect(status).toMatchObject({ source: 'counts', complete: true });
    // The status facet ignores the status filter: every status is offered.
    expect(status.values.map((v) => v.value).sort()).toEqual([...orgStatuses].sort());
    const searched = await facets({ status: 'active', search: 'an' }, ['focus_group_id']);
    expect(searched[0]?.source).toBe('rows');
  });

  it.skipIf(engine.skip !== null)('says when the row budget cut a facet short', async () => {
    const [cut] = (await facets({ search: 'a' }, ['status'], 50)) as [OrgFacet];
    expect(cut.complete).toBe(false);
    const [whole] = (await facets({ search: 'a' }, ['status'])) as [OrgFacet];
    for (const { value, count } of cut.values) {
      expect(count).toBeLessThanOrEqual(whole.values.find((v) => v.value === value)?.count ?? 0);
    }
    expect(cut.values.reduce((sum, v) => sum + v.count, 0)).toBe(51);
  });

  it.skipIf(engine.skip !== null)("offers no values of another sector's attribute", async () => {
    const [facet] = (await facets({ focus_group_id: 'pe_energy' }, ['hipaa_certified'])) as [OrgFacet];
    expect(facet.values).toEqual([]);
  });

  it.skipIf(engine.skip !== null)('follows the rows as they change', async () => {
    const before = await facets({}, ['focus_group_id']);
    const healthcare = before[0]?.values.find((v) => v.value === 'pe_healthcare')?.count ?? 0;
    const added = await ok(
      backend.invoke('orgs:add', { values: { legal_name: 'Facet Clinic', focus_group_id: 'pe_healthcare' } }),
    );
    const after = await facets({}, ['focus_group_id']);
    expect(after[0]?.values.find((v) => v.value === 'pe_healthcare')?.count).toBe(healthcare + 1);
    await ok(backend.invoke('orgs:delete', { ids: [String(added.row.organization_id)] }));
    expect(await facets({}, ['focus_group_id'])).toEqual(before);
  });

  it.skipIf(engine.skip !== null)('refuses a column without a facet', async () => {
    const error = await failure(backend.invoke('orgs:facets', { columns: ['legal_name'] }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('the orgs:facets payload', () => {
  it('takes any filter with facet columns and a budget up to the limit, and refuses the rest', () => {
    const payload = fc.record(
      {
        focus_group_id: fc.option(fc.constantFrom(...sectors), { nil: undefined }),
        search: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
        columns: fc.array(fc.constantFrom(...facetColumns), { minLength: 1, maxLength: 10 }),
        budget: fc.option(fc.integer({ min: 1, max: 250_000 }), { nil: undefined }),
      },
      { requiredKeys: ['columns'] },
    );
    fc.assert(
      fc.property(payload, (input) => {
        expect(orgFacetsRequest.safeParse(input).success).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        payload,
        fc.constantFrom(
          { columns: [] },
          { budget: 0 },
          { budget: 250_001 },
          { columns: ['Bad Column'] },
          { extra: 1 },
          { budget: 1.5 },
        ),
        (input, bad) => {
          expect(orgFacetsRequest.safeParse({ ...input, ...bad }).success).toBe(false);
        },
      ),
    );
  });
});
