import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAssessment } from '../../../shared/assessment';
import type { OrgValue } from '../../../shared/domain';
import { parseFieldText } from '../../../shared/org-fields';
import { importAssessmentFields, suggestMapping } from './mapping';
import { planner } from './plan';

/** The import's reading of the assessment columns, without a database: one row per planned file. */

const codes = importAssessmentFields()
  .filter((f) => f.name !== 'talent_concentration' && f.name !== 'assessed_on')
  .map((f) => f.name);
const headers = ['legal_name', 'focus_group_id', ...codes, 'talent_concentration', 'assessed_on'];
const partial = (n: number) =>
  `${n === 1 ? 'is' : 'are'} required: an assessment has all 7 dimension scores, TC and the date, or none of them`;

async function plan(cells: string[]) {
  const mapping = suggestMapping(headers);
  const p = planner({
    headers,
    mapping,
    existing: 'fail',
    sectors: [{ focus_group_id: 'pe_retail', group_name: 'Retail', group_code: 'RETAIL' }],
    lookup: async () => new Map(),
  });
  return p.plan([{ line: 2, cells: ['Acme', 'pe_retail', ...cells] }]);
}

/** A number written with exactly `scale` decimals or fewer, within [0, max]. */
const written = (max: number, scale: number) =>
  fc.integer({ min: 0, max: max * 10 ** scale }).map((n) => (n / 10 ** scale).toFixed(scale));
const score = written(100, 2);
const tc = written(1, 4);
const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const complete = fc.tuple(fc.array(score, { minLength: 7, maxLength: 7 }), tc, day);

describe("the import's assessment columns", () => {
  it('takes a whole assessment as it is written', async () => {
    await fc.assert(
      fc.asyncProperty(complete, async ([scores, t, d]) => {
        const { planned, rejected } = await plan([...scores, t, d]);
        expect(rejected).toEqual([]);
        expect(planned[0]?.assessment).toEqual({
          scores: Object.fromEntries(codes.map((c, i) => [c, Number(scores[i])])),
          talent_concentration: Number(t),
          assessed_on: d,
        });
      }),
    );
  });

  it('takes a row without any assessment cell as no assessment', async () => {
    const { planned } = await plan(headers.slice(2).map(() => ''));
    expect(planned[0]?.assessment).toBeNull();
  });

  it('rejects a partial assessment with one reason naming each empty column and no other', async () => {
    await fc.assert(
      fc.asyncProperty(
        complete,
        fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 8 }),
        async ([scores, t, d], emptied) => {
          const cells = [...scores, t, d].map((cell, i) => (emptied.includes(i) ? '' : cell));
          const { planned, rejected } = await plan(cells);
          expect(planned).toEqual([]);
          const columns = [...emptied].sort((a, b) => a - b).map((i) => headers[i + 2]);
          expect(rejected[0]?.problems).toEqual([
            { row: 2, column: columns.join(', '), reason: partial(columns.length) },
          ]);
        },
      ),
    );
  });

  it('rejects a bad number, a value out of range or a third decimal at its column, and only there', async () => {
    const bad = fc.oneof(
      fc.constantFrom('abc', '7O', '1..2', '--3', 'NaN', 'Infinity', '1e400', '12%').map((text) => ({
        text,
        reason: /must be a number|out of range|too many decimals/,
        max: 100,
      })),
      fc
        .integer({ min: 1, max: 9 })
        .chain((last) =>
          score.map((s) => ({ text: `${s}${last}`, reason: /too many decimals: at most 2/, max: 100 })),
        ),
      fc.double({ min: 100.01, max: 1e9, noNaN: true }).map((n) => ({
        text: n.toFixed(2),
        reason: /out of range: from 0 to 100/,
        max: 100,
      })),
      fc.integer({ min: 1, max: 10_000 }).map((n) => ({
        text: `-${(n / 100).toFixed(2)}`,
        reason: /out of range: from 0 to 100/,
        max: 100,
      })),
    );
    await fc.assert(
      fc.asyncProperty(complete, fc.integer({ min: 0, max: 6 }), bad, async ([scores, t, d], at, wrong) => {
        const cells = [...scores, t, d];
        cells[at] = wrong.text;
        const { rejected } = await plan(cells);
        expect(rejected[0]?.problems).toHaveLength(1);
        expect(rejected[0]?.problems[0]?.column).toBe(headers[at + 2]);
        expect(rejected[0]?.problems[0]?.reason).toMatch(wrong.reason);
      }),
    );
  });

  it('rejects a TC beyond 1 or with a fifth decimal, and a day that is not on the calendar', async () => {
    const [scores] = fc.sample(complete, 1)[0] ?? [[]];
    for (const [t, d, column, reason] of [
      ['1.0001', '2026-01-01', 'talent_concentration', 'is out of range: from 0 to 1'],
      ['0.12345', '2026-01-01', 'talent_concentration', 'has too many decimals: at most 4'],
      [
        '0.5',
        '2026-02-30',
        'assessed_on',
        'must be a day of the calendar written YYYY-MM-DD, such as 2026-03-01',
      ],
      [
        '0.5',
        '01/02/2026',
        'assessed_on',
        'must be a day of the calendar written YYYY-MM-DD, such as 2026-03-01',
      ],
    ]) {
      const { rejected } = await plan([...scores, t ?? '', d ?? '']);
      expect(rejected[0]?.problems).toEqual([{ row: 2, column, reason }]);
    }
    // A workbook's date cell is midnight UTC of its day.
    const { planned } = await plan([...scores, '0.5', '2026-03-01T00:00:00.000Z']);
    expect(planned[0]?.assessment?.assessed_on).toBe('2026-03-01');
  });
});

describe("the import's assessment check against the shared schema", () => {
  const fields = importAssessmentFields();
  const cell = (max: number, scale: number) =>
    fc.oneof(
      written(max, scale),
      fc.constantFrom('', ' ', 'x', '-1', `${max + 1}`, `0.${'1'.repeat(scale + 1)}`, '1e1', '2024-02-30'),
    );
  const cells = fc.tuple(
    ...fields.map((f) => (f.kind === 'date' ? fc.oneof(day, cell(1, 0)) : cell(f.max ?? 1, f.scale ?? 0))),
  );

  /** What the import said before it skipped the schema: readAssessment on the values its cells gave. */
  function throughSchema(row: string[]) {
    const values: Record<string, OrgValue> = {};
    const unread = new Set<string>();
    fields.forEach((f, i) => {
      const parsed = parseFieldText(f, row[i] ?? '');
      if (parsed.ok) values[f.name] = parsed.value;
      else unread.add(f.name);
    });
    const read = readAssessment(fields, values);
    if (read.ok) return { assessment: read.assessment, partial: null };
    const empty = read.problems.map((p) => p.field).filter((name) => !unread.has(name));
    return { assessment: undefined, partial: empty.length > 0 ? empty.join(', ') : null };
  }

  it('accepts and refuses exactly the rows readAssessment did, with the same problems', async () => {
    await fc.assert(
      fc.asyncProperty(cells, async (row) => {
        const { planned, rejected } = await plan(row);
        const expected = throughSchema(row);
        if (expected.assessment !== undefined && rejected.length === 0) {
          expect(planned[0]?.assessment).toEqual(expected.assessment);
          return;
        }
        const partial = rejected[0]?.problems.find((p) => p.reason.includes('an assessment has all'));
        expect(partial?.column ?? null).toBe(expected.partial);
        if (expected.assessment === undefined) expect(rejected).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });
});
