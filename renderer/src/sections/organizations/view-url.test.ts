import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepLink, deepLinkFragment } from '../../../../shared/deep-link';
import { readView } from './view-state';
import { viewFromQuery, viewHref, viewToQuery } from './view-url';

// JSON writes -0 as 0, the same bound: the generator leaves it out rather than the comparison.
const bound = (min: number, max: number) =>
  fc.double({ noNaN: true, noDefaultInfinity: true, min, max }).map((x) => (Object.is(x, -0) ? 0 : x));
const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);
const filter = fc.oneof(
  fc.record({ column: name, op: fc.constant('contains'), text: fc.string({ minLength: 1, maxLength: 30 }) }),
  fc.record({
    column: name,
    op: fc.constant('range'),
    min: fc.option(bound(-1e12, 0)),
    max: fc.option(bound(0, 1e12)),
  }),
  fc.record({ column: name, op: fc.constant('is'), value: fc.boolean() }),
  fc.record({ column: name, op: fc.constant('has'), item: fc.string({ minLength: 1, maxLength: 30 }) }),
);

/** Any view the grid can hold: a candidate read as a stored view is (widths are whole pixels in a link). */
const view = fc
  .record({
    focus_group_id: fc.option(fc.stringMatching(/^pe_[a-z0-9_]{1,20}$/)),
    status: fc.option(fc.constantFrom('active', 'inactive', 'archived')),
    search: fc.option(fc.string({ maxLength: 60 })),
    where: fc.array(filter, { maxLength: 4 }),
    sort: name,
    dir: fc.constantFrom('asc', 'desc'),
    order: fc.array(name, { maxLength: 6 }),
    hidden: fc.array(name, { maxLength: 6 }),
    shown: fc.array(name, { maxLength: 6 }),
    widths: fc.dictionary(name, fc.integer({ min: 1, max: 2000 }), { maxKeys: 4 }),
  })
  .map(readView);

describe('the view in the address', () => {
  it('reads back every view it writes', () => {
    fc.assert(
      fc.property(view, (v) => {
        expect(viewFromQuery(viewToQuery(v))).toEqual(v);
      }),
    );
  });

  it('reads any query an address can carry as a usable view, never throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webQueryParameters(),
          fc.webUrl().map((u) => u.split('?')[1] ?? ''),
        ),
        (query) => {
          const read = viewFromQuery(query);
          // Already what the grid accepts: reading it again changes nothing.
          expect(readView(read)).toEqual(read);
        },
      ),
    );
  });

  it('travels whole in a desktop deep link', () => {
    fc.assert(
      fc.property(view, (v) => {
        const href = viewHref(v);
        expect(deepLinkFragment(deepLink(href))).toBe(href.slice(1));
      }),
    );
  });

  it('a deep link gives the page a plain section and query, or nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `sector-studio://${s}`),
        ),
        (url) => {
          const fragment = deepLinkFragment(url);
          if (fragment !== null) expect(fragment).toMatch(/^[a-z][a-z-]*(\?[^#\s]*)?$/);
        },
      ),
    );
  });
});
