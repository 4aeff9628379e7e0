import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLines } from './csv-text';

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

describe('the export CSV writer', () => {
  it('writes the same bytes as csv-stringify, the writer exports used before (property)', () => {
    fc.assert(
      fc.property(rows, (records) => {
        expect(csvLines(records)).toBe(stringify(records));
      }),
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
