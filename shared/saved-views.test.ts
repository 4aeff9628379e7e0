import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import {
  MAX_VIEW_BYTES,
  parseViewsDocument,
  viewBody,
  viewName,
  viewsDocument,
  type ViewBody,
} from './saved-views';

/** What the import gives back, or the sentence it refuses with; anything else thrown is a bug. */
function attempt(text: string): { views: { name: string; view: ViewBody }[] } | { refused: string } {
  try {
    return { views: parseViewsDocument(text) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') return { refused: error.message };
    throw error;
  }
}

const name = fc.string({ minLength: 1, maxLength: 80 }).filter((n) => viewName.safeParse(n).success);
const body = fc
  .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }))
  .filter((view) => viewBody.safeParse(view).success) as fc.Arbitrary<ViewBody>;
const views = fc.uniqueArray(fc.record({ name: name.map((n) => n.trim()), view: body }), {
  selector: (v) => v.name,
  maxLength: 8,
});

describe('the views file', () => {
  it('reads back every view it was written with, in order', () => {
    fc.assert(
      fc.property(views, fc.boolean(), (written, pretty) => {
        const text = JSON.stringify(viewsDocument(written), null, pretty ? 2 : undefined);
        expect(attempt(text)).toEqual({ views: JSON.parse(JSON.stringify(written)) });
      }),
    );
  });

  it('refuses anything else in one sentence, never with another error', () => {
    const documentish = fc.record(
      {
        format: fc.oneof(fc.constant('sector-studio-views'), fc.string()),
        version: fc.oneof(fc.constant(1), fc.integer()),
        views: fc.oneof(fc.array(fc.record({ name: fc.string(), view: fc.jsonValue() })), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const texts = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      documentish.map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const outcome = attempt(text);
        if ('refused' in outcome) {
          expect(outcome.refused).not.toMatch(/\n/);
          expect(outcome.refused.length).toBeLessThan(200);
        } else {
          // Accepted means every view is one the database may store.
          for (const view of outcome.views) {
            expect(viewName.safeParse(view.name).success).toBe(true);
            expect(JSON.stringify(view.view).length).toBeLessThanOrEqual(MAX_VIEW_BYTES);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('says which view is wrong', () => {
    const twice = viewsDocument([
      { name: 'a', view: {} },
      { name: 'a', view: { sort: 'status' } },
    ]);
    expect(attempt(JSON.stringify(twice))).toEqual({
      refused: 'Two views in it have the same name (at views)',
    });
    expect(attempt('[]')).toEqual({ refused: 'It is not a Sector Studio views file' });
    expect(attempt('{"format":"sector-studio-views","version":2,"views":[]}')).toEqual({
      refused: 'It was written by another version of Sector Studio (at version)',
    });
    const big = viewsDocument([{ name: 'big', view: { note: 'x'.repeat(MAX_VIEW_BYTES) } }]);
    expect(attempt(JSON.stringify(big))).toEqual({
      refused: 'A view is at most 16,384 characters of JSON (at views.0.view)',
    });
  });
});
