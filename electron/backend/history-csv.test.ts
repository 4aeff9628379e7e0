import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeSetKinds, type ChangeSet, type ConfigHistory } from '../../shared/domain';
import { historyCsv, historyCsvColumns } from './history-csv';

/** Text an analyst may type: commas, quotes, line breaks, non-Latin letters, emoji. */
const typed = fc.string({ unit: 'grapheme', maxLength: 40 });

const change = fc.record({
  kind: fc.constantFrom('weight' as const, 'calibration' as const),
  key: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/),
  label: typed,
  version_id: fc.integer({ min: 1, max: 1e9 }),
  before: fc.option(fc.double({ min: -999_999, max: 999_999, noNaN: true }), { nil: null }),
  after: fc.double({ min: -999_999, max: 999_999, noNaN: true }),
});

const changeSet: fc.Arbitrary<ChangeSet> = fc
  .record({
    change_set_id: fc.integer({ min: 1, max: 1e9 }),
    made_at: fc
      .date({
        min: new Date('0001-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
    author: fc.option(
      typed.filter((a) => a.trim() !== ''),
      { nil: null },
    ),
    rationale: fc.option(typed, { nil: null }),
    kind: fc.constantFrom(...changeSetKinds),
    reverts: fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: null }),
    changes: fc.array(change, { maxLength: 4 }),
  })
  .map((set) => ({ ...set, changed: set.changes.length }));

const history = (sets: ChangeSet[]): ConfigHistory => ({
  focus_group_id: 'pe_energy',
  group_name: 'Energy & Utilities',
  change_sets: sets,
  versions: [],
  authors: [],
});

describe('the history as CSV', () => {
  it('reads back, cell for cell, whatever the analysts typed (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(changeSet, { maxLength: 6 }), (sets) => {
        const rows = parse(historyCsv(history(sets)), { relax_column_count: false }) as string[][];
        expect(rows[0]).toEqual([...historyCsvColumns]);
        const expected = sets.flatMap((set) =>
          set.changes.map((c) => [
            String(set.change_set_id),
            set.made_at,
            set.author ?? '',
            set.kind,
            set.reverts === null ? '' : String(set.reverts),
            set.rationale ?? '',
            c.kind,
            c.key,
            c.label,
            c.before === null ? '' : String(c.before),
            String(c.after),
            String(c.version_id),
          ]),
        );
        expect(rows.slice(1)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('is a header alone for a history with no changes', () => {
    expect(historyCsv(history([]))).toBe(`${historyCsvColumns.join(',')}\n`);
  });
});
