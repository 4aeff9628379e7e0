import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { OrgValue } from '../../shared/domain';
import { csvCell, csvLines, csvRecords } from './csv-text';

const text = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[",\r\n a=+@'-]{0,6}$/),
  fc.constantFrom('', '"', ',', '\r\n', 'say "hi"', '=SUM(A1)', "'=x", '-5'),
);
const cell = fc.oneof(
  text,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constant(null),
);
const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 20 });

/** Any value the view hands the export, text in every Unicode plane included. */
const value: fc.Arbitrary<OrgValue> = fc.oneof(
  text,
  fc.string({ unit: 'binary' }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(text, fc.string({ unit: 'binary' })), { maxLength: 4 }),
);
/** Rows of one width with the positions an export picks from them (any subset, any order). */
const picked = fc.integer({ min: 1, max: 8 }).chain((width) =>
  fc.record({
    rows: fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 20 }),
    positions: fc.array(fc.nat(width - 1), { minLength: 1, maxLength: 10 }),
  }),
);

describe('the export CSV writer', () => {
  it('writes the same bytes as csv-stringify, the writer exports used before (property)', () => {
    fc.assert(
      fc.property(rows, (records) => {
        expect(csvLines(records)).toBe(stringify(records));
      }),
    );
  });

  it('writes rows of view values as the same bytes as csv-stringify of their cells (property)', () => {
    fc.assert(
      fc.property(picked, ({ rows: values, positions }) => {
        const cells = values.map((row) => positions.map((p) => csvCell(row[p])));
        expect(csvRecords(values, positions)).toBe(stringify(cells));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back as the same cells in any CSV reader: quotes, commas and line breaks kept (property)', () => {
    fc.assert(
      fc.property(rows, (records) => {
        const parsed = Papa.parse<string[]>(csvLines(records), { newline: '\n' }).data;
        expect(parsed.slice(0, records.length)).toEqual(
          records.map((record) => record.map((c) => (c === null ? '' : String(c)))),
        );
      }),
    );
  });

  it('writes booleans as true/false, arrays as JSON, NULL as empty, and formulas as text', () => {
    const line = csvLines([[true, false, ['SEC', 'FINRA'], null, 12.5, '=1+1', '-x'].map(csvCell)]);
    expect(line).toBe('true,false,"[""SEC"",""FINRA""]",,12.5,\'=1+1,\'-x\n');
  });
});
