import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannedRow } from './plan';
import { stagingFile, type StagedChunk } from './staging';

const value = fc.oneof(
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.array(fc.string()),
  fc.constant(null),
);
const names = fc.constantFrom('legal_name', 'employee_count', 'cloud_native', 'ot_systems', 'talent');
const row: fc.Arbitrary<PlannedRow> = fc.record({
  line: fc.nat(),
  action: fc.constantFrom('insert', 'update', 'skip'),
  id: fc.uuid(),
  sector: fc.constantFrom('pe_retail', 'pe_technology'),
  previousSector: fc.option(fc.constantFrom('pe_retail', 'pe_energy')),
  values: fc.dictionary(names, value),
  assessment: fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.record({
      scores: fc.dictionary(names, fc.integer({ min: 0, max: 100 })),
      talent_concentration: fc.double({ min: 0, max: 1, noNaN: true }),
      assessed_on: fc.constant('2026-03-01'),
    }),
  ),
});
const chunk: fc.Arbitrary<StagedChunk> = fc.record({
  looked: fc.array(fc.tuple(fc.uuid(), fc.option(fc.constant('pe_retail')))),
  rows: fc.array(row, { maxLength: 20 }),
});

describe("the import's staging file", () => {
  it('gives back every planned row as it was kept, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chunk, { maxLength: 5 }), async (chunks) => {
        const staging = await stagingFile();
        try {
          for (const c of chunks) await staging.append(c);
          const back: StagedChunk[] = [];
          for await (const c of staging.chunks()) back.push(c);
          expect(back).toEqual(chunks);
          for (const [i, c] of back.entries())
            c.rows.forEach((r, j) =>
              expect(Object.keys(r.values)).toEqual(Object.keys(chunks[i]?.rows[j]?.values ?? {})),
            );
        } finally {
          await staging.remove();
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe("the import's staging file removed early", () => {
  it('lets the writes under way finish when an import stops before its write (refused rows, a cancel)', async () => {
    const rows = await fc.sample(chunk, { numRuns: 20, seed: 1 });
    for (let i = 0; i < 20; i++) {
      const staging = await stagingFile();
      for (const c of rows) await staging.append(c);
      await staging.remove();
    }
    // A write's callback on a destroyed stream threw from the event loop, after remove returned.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
