import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ranks,
  revenuePercentiles,
  scoreSector,
  spearman,
  type PlatformParameters,
  type SectorAssessments,
  type SectorScoring,
} from './org-air';

const framework: PlatformParameters = {
  alpha: 0.6,
  beta: 0.12,
  lambda: 0.25,
  kappa: 0.15,
  alignment: 1,
  timing: 1,
};

function assessments(
  rows: { scores: number[]; talent: number; revenue: number | null }[],
): SectorAssessments {
  return {
    count: rows.length,
    scores: Float64Array.from(rows.flatMap((row) => row.scores)),
    talent: Float64Array.from(rows.map((row) => row.talent)),
    revenue: Float64Array.from(rows.map((row) => row.revenue ?? Number.NaN)),
  };
}

/** Each organization's intermediates, rounded as the app shows them (and to 4 places for the rest). */
function table(sector: SectorScoring, rows: Parameters<typeof assessments>[0], parameters = framework) {
  const s = scoreSector(sector, parameters, assessments(rows));
  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  return rows.map((_, i) => ({
    weighted_mean: r4(s.weightedMean[i]!),
    cv: r4(s.cv[i]!),
    penalty: r4(s.penalty[i]!),
    talent_adjustment: r4(s.talentAdjustment[i]!),
    vr: r4(s.vr[i]!),
    revenue_percentile: r4(s.revenuePercentile[i]!),
    sector_mean_vr: r4(s.sectorMeanVr),
    position_factor: r4(s.positionFactor[i]!),
    hr: r4(s.hr[i]!),
    synergy: r4(s.synergy[i]!),
    org_air: r4(s.orgAir[i]!),
  }));
}

// Expected values worked independently (by hand and in a separate script), not by this code.
describe('Org-AI-R, cases worked by hand', () => {
  it('one organization with an even profile: V^R is its mean, H^R the baseline', () => {
    const sector = {
      weights: Array(7).fill(1 / 7),
      hrBaseline: 75,
      positionFactorDelta: 0.15,
      talentThreshold: 0.25,
    };
    expect(table(sector, [{ scores: Array(7).fill(60), talent: 0.2, revenue: 1e6 }])).toEqual([
      {
        weighted_mean: 60,
        cv: 0,
        penalty: 1,
        talent_adjustment: 1,
        vr: 60,
        revenue_percentile: 0.5,
        sector_mean_vr: 60,
        position_factor: 0,
        hr: 75,
        synergy: 45,
        org_air: 63.48,
      },
    ]);
  });

  it('two organizations: an uneven, talent-concentrated leader and an even, larger laggard', () => {
    const sector = { weights: [0.5, 0.5], hrBaseline: 80, positionFactorDelta: 0.2, talentThreshold: 0.3 };
    const rows = [
      { scores: [90, 50], talent: 0.5, revenue: 100 },
      { scores: [40, 40], talent: 0.1, revenue: 200 },
    ];
    const [a, b] = table(sector, rows);
    expect(a).toEqual({
      weighted_mean: 70,
      cv: 0.2857,
      penalty: 0.9286,
      talent_adjustment: 0.97,
      vr: 63.05,
      revenue_percentile: 0,
      sector_mean_vr: 51.525,
      position_factor: -0.2617,
      hr: 75.8128,
      synergy: 47.8,
      org_air: 65.7125,
    });
    expect(b).toMatchObject({
      vr: 40,
      revenue_percentile: 1,
      position_factor: 0.2617,
      hr: 84.1872,
      org_air: 54.7949,
    });
  });

  it('four organizations of one sector with equal and unknown revenues', () => {
    const sector = {
      weights: [0.25, 0.2, 0.15, 0.15, 0.1, 0.1, 0.05],
      hrBaseline: 72,
      positionFactorDelta: 0.15,
      talentThreshold: 0.25,
    };
    const rows = [
      { scores: [72, 65, 80, 55, 60, 70, 50], talent: 0.32, revenue: 5e8 },
      { scores: [50, 45, 60, 40, 55, 35, 60], talent: 0.2, revenue: null },
      { scores: [85, 80, 90, 75, 70, 88, 80], talent: 0.41, revenue: 5e8 },
      { scores: [30, 20, 40, 35, 25, 30, 20], talent: 0.1, revenue: 1e7 },
    ];
    const result = table(sector, rows);
    expect(result.map((r) => r.revenue_percentile)).toEqual([0.5, 0.5, 0.5, 0]);
    expect(result.map((r) => r.vr)).toEqual([63.9184, 46.5196, 78.3295, 27.5602]);
    expect(result.map((r) => r.hr)).toEqual([73.2748, 71.0199, 75.1425, 64.2428]);
    expect(result.map((r) => r.org_air)).toEqual([65.162, 53.526, 74.8712, 39.2899]);
  });
});

const score = fc.double({ min: 0, max: 100, noNaN: true });
const profile = fc.array(score, { minLength: 7, maxLength: 7 });
const weights = fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 });
const organization = fc.record({
  scores: profile,
  talent: fc.double({ min: 0, max: 1, noNaN: true }),
  revenue: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: null }),
});
const sector = fc.record({
  weights,
  hrBaseline: fc.double({ min: 0, max: 100, noNaN: true }),
  positionFactorDelta: fc.double({ min: 0, max: 1, noNaN: true }),
  talentThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
});
const parameters = fc.record({
  alpha: fc.double({ min: 0, max: 1, noNaN: true }),
  beta: fc.double({ min: 0, max: 1, noNaN: true }),
  lambda: fc.double({ min: 0, max: 1, noNaN: true }),
  kappa: fc.double({ min: 0, max: 1, noNaN: true }),
  alignment: fc.double({ min: 0, max: 2, noNaN: true }),
  timing: fc.double({ min: 0, max: 2, noNaN: true }),
});
const organizations = fc.array(organization, { minLength: 1, maxLength: 40 });

describe('Org-AI-R, properties', () => {
  it('every score lies in [0, 100] and V^R never exceeds the weighted mean', () => {
    fc.assert(
      fc.property(sector, parameters, organizations, (s, p, rows) => {
        const result = scoreSector(s, p, assessments(rows));
        for (let i = 0; i < rows.length; i++) {
          for (const column of [result.vr, result.hr, result.synergy, result.orgAir]) {
            expect(column[i]).toBeGreaterThanOrEqual(0);
            expect(column[i]).toBeLessThanOrEqual(100);
          }
          expect(result.vr[i]).toBeLessThanOrEqual(result.weightedMean[i]! + 1e-9);
        }
      }),
    );
  });

  it('an even profile has CV 0, so V^R is the score itself when talent is at or under the threshold', () => {
    fc.assert(
      fc.property(sector, parameters, score, (s, p, value) => {
        const result = scoreSector(
          s,
          p,
          assessments([{ scores: Array(7).fill(value), talent: s.talentThreshold, revenue: 1 }]),
        );
        expect(result.cv[0]).toBeCloseTo(0, 9);
        expect(result.vr[0]).toBeCloseTo(value, 9);
      }),
    );
  });

  it('scaling every weight by one factor changes nothing', () => {
    fc.assert(
      fc.property(
        sector,
        parameters,
        organizations,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (s, p, rows, k) => {
          const a = scoreSector(s, p, assessments(rows));
          const b = scoreSector({ ...s, weights: s.weights.map((w) => w * k) }, p, assessments(rows));
          a.orgAir.forEach((value, i) => expect(b.orgAir[i]).toBeCloseTo(value, 9));
        },
      ),
    );
  });

  it('Org-AI-R does not decrease when H^R rises', () => {
    fc.assert(
      fc.property(
        sector,
        parameters,
        organizations,
        fc.double({ min: 0, max: 50, noNaN: true }),
        (s, p, rows, more) => {
          const low = scoreSector(s, p, assessments(rows));
          const high = scoreSector(
            { ...s, hrBaseline: Math.min(100, s.hrBaseline + more) },
            p,
            assessments(rows),
          );
          low.orgAir.forEach((value, i) => {
            expect(high.hr[i]).toBeGreaterThanOrEqual(low.hr[i]! - 1e-9);
            expect(high.orgAir[i]).toBeGreaterThanOrEqual(value - 1e-9);
          });
        },
      ),
    );
  });

  it('revenue percentiles are mid-ranks in [0, 1], 0.5 for an unknown revenue', () => {
    fc.assert(
      fc.property(organizations, (rows) => {
        const p = revenuePercentiles(assessments(rows));
        rows.forEach((row, i) => {
          expect(p[i]).toBeGreaterThanOrEqual(0);
          expect(p[i]).toBeLessThanOrEqual(1);
          if (row.revenue === null || rows.length === 1) expect(p[i]).toBe(0.5);
        });
      }),
    );
  });
});

describe('rankings', () => {
  it('ranks by Org-AI-R, highest first, and measures agreement with Spearman’s ρ', () => {
    const first = ranks(Float64Array.from([50, 90, 70]));
    expect([...first]).toEqual([3, 1, 2]);
    expect(spearman(first, first)).toBe(1);
    expect(spearman(first, ranks(Float64Array.from([90, 50, 70])))).toBeCloseTo(-1, 12);
    expect(spearman(first, ranks(Float64Array.from([60, 90, 50])))).toBeCloseTo(0.5, 12);
  });

  it('ranks as a stable sort by Org-AI-R would, ties in the order of the assessments', () => {
    const values = fc.oneof(
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 300 }),
      fc.array(fc.constantFrom(0, 12.5, 12.5000001, 50, 100), { maxLength: 300 }),
      // Scores closer together than the buckets can scale: found by this property (NaN buckets).
      fc.array(fc.constantFrom(0, 5e-324, 1e-320), { maxLength: 20 }),
    );
    fc.assert(
      fc.property(values, (scores) => {
        const stable = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
        const expected = new Array<number>(scores.length);
        stable.forEach((index, position) => (expected[index] = position + 1));
        expect([...ranks(Float64Array.from(scores))]).toEqual(expected);
      }),
    );
  });
});
