import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkFieldValue, describeRule, parseFieldText, type FieldSpec } from '../../shared/org-fields';
import { exportFormatter } from './export';
import { readCells } from './import/cells';
import { fieldNamed, organizationFields } from './org-fields';
import { typedValue } from './test/typed-values';

const field = (name: string) => fieldNamed(name) as FieldSpec;
/** A file's bytes as a stream of the given pieces, as a file's reads give them. */
const pieces =
  (...parts: Uint8Array[]) =>
  () =>
    Readable.from(
      parts.map((part) => Buffer.from(part)),
      { objectMode: false },
    );

describe('fields from the schema', () => {
  it('take their types, limits and choices from the reference configuration', () => {
    expect(field('legal_name')).toMatchObject({
      kind: 'text',
      maxLength: 255,
      required: true,
      editable: true,
    });
    expect(field('status')).toMatchObject({
      kind: 'choice',
      options: ['active', 'inactive', 'archived'],
      defaultValue: 'active',
    });
    expect(field('focus_group_id')).toMatchObject({ kind: 'sector', label: 'Sector', required: true });
    expect(field('annual_revenue_usd')).toMatchObject({ kind: 'decimal', scale: 2, below: 1e13 });
    expect(field('ecommerce_pct')).toMatchObject({ scale: 2, min: 0, max: 100, sector: 'pe_retail' });
    expect(field('ot_systems')).toMatchObject({ kind: 'array', maxLength: 100 });
    expect(field('organization_id')).toMatchObject({ kind: 'id', editable: false });
    expect(field('updated_at')).toMatchObject({ kind: 'timestamp', editable: false });
    expect(organizationFields().filter((f) => f.sector !== null)).toHaveLength(70);
    expect(describeRule(field('employee_count'))).toBe('Whole number, 0 or more');
    expect(describeRule(field('renewable_pct'))).toBe('Number with up to 2 decimals, 0 to 100');
  });

  it("read other tools' spellings: yes/no, 1/0, thousands separators, ISO days and times, lists", () => {
    const read = (name: string, text: string) => parseFieldText(field(name), text);
    expect(read('cloud_native', ' Yes ')).toEqual({ ok: true, value: true });
    expect(read('cloud_native', '0')).toEqual({ ok: true, value: false });
    expect(read('cloud_native', 'maybe')).toMatchObject({ ok: false });
    expect(read('employee_count', '1,234,567')).toEqual({ ok: true, value: 1234567 });
    expect(read('employee_count', '1,23')).toMatchObject({ ok: false, reason: 'must be a whole number' });
    expect(read('annual_revenue_usd', '12,500,000.50')).toEqual({ ok: true, value: 12500000.5 });
    expect(read('annual_revenue_usd', '1.005')).toEqual({
      ok: false,
      reason: 'has too many decimals: at most 2',
    });
    expect(read('created_at', '2024-03-01')).toEqual({ ok: true, value: '2024-03-01T00:00:00.000Z' });
    expect(read('created_at', '2024-03-01 10:20:30+02:00')).toEqual({
      ok: true,
      value: '2024-03-01T08:20:30.000Z',
    });
    expect(read('created_at', '2024-02-30')).toMatchObject({ ok: false });
    expect(read('ot_systems', 'SCADA; MES ;')).toEqual({ ok: true, value: ['SCADA', 'MES'] });
    expect(read('ot_systems', '["a;b"]')).toEqual({ ok: true, value: ['a;b'] });
    expect(read('legal_name', "'=1+1")).toEqual({ ok: true, value: '=1+1' });
    expect(read('legal_name', "''=1+1")).toEqual({ ok: true, value: "'=1+1" });
    expect(read('legal_name', "'quoted")).toEqual({ ok: true, value: "'quoted" });
    expect(read('legal_name', '')).toEqual({ ok: false, reason: 'is required' });
    expect(read('display_name', 'a\u0000b')).toMatchObject({ ok: false });
    expect(checkFieldValue(field('legal_name'), '𝒜'.repeat(255))).toBeNull();
  });

  it('read back exactly what the export writes, for any value the rules accept (property)', () => {
    const fields = organizationFields().filter((f) => f.editable && f.kind !== 'sector');
    const format = exportFormatter(['v'], { sort: 'legal_name', dir: 'asc', format: 'csv' });
    return fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields).chain((spec) => fc.tuple(fc.constant(spec), typedValue(spec))),
        async ([spec, value]) => {
          fc.pre(checkFieldValue(spec, value) === null && value !== null && value !== '');
          const cells = await readCells(
            pieces(Buffer.from(format.head + format.rows([[value]]))),
            'x.csv',
            null,
          );
          let cell = '';
          for await (const chunk of cells.rows) cell = chunk[1]?.cells[0] ?? '';
          expect(parseFieldText(spec, cell)).toEqual({ ok: true, value });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('read any CSV that csv-stringify writes: quotes, commas, line breaks, CRLF, a BOM, however the reads cut it (property)', async () => {
    // NUL makes a file binary, not CSV.
    const cell = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (rows, crlf, bom, cuts) => {
          fc.pre(rows.every((row) => row.some((c) => c !== '')));
          const text =
            (bom ? '\uFEFF' : '') +
            stringify([['a', 'b', 'c'], ...rows], { record_delimiter: crlf ? '\r\n' : '\n' });
          // The stream's reads may cut a character, a quoted field or the BOM anywhere.
          const bytes = Buffer.from(text);
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const parts = [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length));
          const read: string[][] = [];
          for await (const chunk of (await readCells(pieces(...parts), 'x.csv', null)).rows)
            read.push(...chunk.map((r) => r.cells));
          expect(read).toEqual([['a', 'b', 'c'], ...rows]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
