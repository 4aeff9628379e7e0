import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpRoutes } from './contract';
import { exportFormats, orgExport, orgStatuses, type ColumnFilter, type OrgExport } from './org-query';
import { text } from './text';

const column = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);
/** Filter text as the contract keeps it: trimmed, non-empty, valid Unicode without control characters. */
const filterText = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 40 })
  .map((value) => value.trim())
  .filter((value) => value !== '' && text(200).safeParse(value).success);
const bound = fc.option(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  { nil: null },
);

const filter: fc.Arbitrary<ColumnFilter> = fc.oneof(
  fc.record({ column, op: fc.constant('contains' as const), text: filterText }),
  fc
    .record(
      { column, op: fc.constant('range' as const), min: bound, max: bound },
      { requiredKeys: ['column', 'op'] },
    )
    .filter((f) => (f.min ?? null) !== null || (f.max ?? null) !== null)
    .map((f) => (f.min != null && f.max != null && f.min > f.max ? { ...f, min: f.max, max: f.min } : f)),
  fc.record({ column, op: fc.constant('is' as const), value: fc.boolean() }),
  fc.record({ column, op: fc.constant('has' as const), item: filterText }),
);

/** Any export request the contract accepts, as the host receives it (defaults filled in). */
const exportRequest: fc.Arbitrary<OrgExport> = fc.record(
  {
    focus_group_id: fc.stringMatching(/^pe_[a-z0-9_]{1,20}$/),
    status: fc.constantFrom(...orgStatuses),
    search: fc
      .string({ unit: 'binary', minLength: 1, maxLength: 60 })
      .filter((value) => text(200).safeParse(value).success),
    where: fc.array(filter, { minLength: 1, maxLength: 5 }),
    sort: column,
    dir: fc.constantFrom('asc' as const, 'desc' as const),
    format: fc.constantFrom(...exportFormats),
    columns: fc.array(column, { minLength: 1, maxLength: 8 }),
  },
  { requiredKeys: ['sort', 'dir', 'format'] },
);

/** What the grid sends for "no filter": null, an empty search, no column filters. */
const noFilters = fc.record(
  {
    focus_group_id: fc.constant(null),
    status: fc.constant(null),
    search: fc.constant(''),
    where: fc.constant<ColumnFilter[]>([]),
  },
  { requiredKeys: [] },
);

function decode(url: string) {
  return httpRoutes.export.decode(new URL(url, 'http://host').searchParams);
}

describe('the export route’s encoding, shared by the renderer and the browser host', () => {
  it('decodes what it encodes: any valid export request arrives as it was sent', () => {
    fc.assert(
      fc.property(exportRequest, (request) => {
        expect(orgExport.parse(request)).toEqual(request);
        expect(decode(httpRoutes.export.encode(request))).toEqual({ ok: true, value: request });
      }),
      { numRuns: 500 },
    );
  });

  it('leaves filters that filter nothing out of the URL, and the request means the same', () => {
    fc.assert(
      fc.property(exportRequest, noFilters, (request, empty) => {
        const kept = Object.fromEntries(Object.entries(request).filter(([name]) => !(name in empty)));
        const url = httpRoutes.export.encode({ ...request, ...empty });
        expect(url).toBe(httpRoutes.export.encode(kept));
        expect(decode(url)).toEqual({ ok: true, value: kept });
      }),
    );
  });
});
