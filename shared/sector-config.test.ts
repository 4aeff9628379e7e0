import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  calibrationDefaults,
  decimalSum,
  formatCalibration,
  formatWeight,
  hasAtMostDecimals,
  parseDecimalInput,
  rebalance,
  SectorConfig,
  weightsSumValid,
} from './sector-config';

const base = { sectorId: 'pe_x', groupName: 'X', groupCode: 'X', dimensionWeights: {}, calibrations: {} };

describe('SectorConfig', () => {
  it("falls back to the lab's defaults when a calibration row is absent", () => {
    const config = new SectorConfig(base);
    expect(config.hRBaseline).toBe(75);
    expect(config.ebitdaMultiplier).toBe(1.0);
    expect(config.positionFactorDelta).toBe(0.15);
    expect(config.talentConcentrationThreshold).toBe(0.25);
    expect(calibrationDefaults).toEqual({
      h_r_baseline: 75,
      ebitda_multiplier: 1,
      position_factor_delta: 0.15,
      talent_concentration_threshold: 0.25,
    });
  });

  it('reads calibrations and weights when present; an absent dimension weighs 0', () => {
    const config = new SectorConfig({
      ...base,
      calibrations: { h_r_baseline: 82, ebitda_multiplier: 1.1 },
      dimensionWeights: { talent: 0.18 },
    });
    expect(config.hRBaseline).toBe(82);
    expect(config.ebitdaMultiplier).toBe(1.1);
    expect(config.getDimensionWeight('talent')).toBe(0.18);
    expect(config.getDimensionWeight('unknown')).toBe(0);
  });

  it('validates that weights sum to 1 within 0.001', () => {
    const weights = (values: number[]) =>
      new SectorConfig({ ...base, dimensionWeights: Object.fromEntries(values.map((v, i) => [`d${i}`, v])) });
    expect(weights([0.22, 0.12, 0.18, 0.15, 0.12, 0.14, 0.07]).validateWeightsSum()).toBe(true);
    expect(weights([0.5, 0.4995]).validateWeightsSum()).toBe(true);
    expect(weights([0.5, 0.498]).validateWeightsSum()).toBe(false);
    expect(weights([0.5, 0.502]).validateWeightsSum()).toBe(false);
    expect(weights([]).validateWeightsSum()).toBe(false);
  });

  // The seed's validate_weights_sum: abs(total - Decimal('1.0')) < Decimal('0.001'), on Decimals.
  it('validates the sum exactly as the seed does: strictly within 0.001 of 1 (issue 21)', () => {
    const summing = (total: number) =>
      new SectorConfig({ ...base, dimensionWeights: { a: 0.5, b: Number((total - 0.5).toFixed(4)) } });
    const verdicts = [0.999, 0.9995, 1.0, 1.0005, 1.001].map((total) => [
      total,
      summing(total).validateWeightsSum(),
      summing(total).toJSON().weights_valid,
    ]);
    expect(verdicts).toEqual([
      [0.999, false, false],
      [0.9995, true, true],
      [1.0, true, true],
      [1.0005, true, true],
      [1.001, false, false],
    ]);
    // The same rule for a list of values, as the weights form uses it.
    expect([0.499, 0.4995, 0.5, 0.5005, 0.501].map((half) => weightsSumValid([0.5, half]))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    // Financial Services' weights, whose float sum is 0.9999999999999999.
    expect(weightsSumValid([0.16, 0.22, 0.14, 0.18, 0.12, 0.1, 0.08])).toBe(true);
    expect(decimalSum([0.999, 0.0005, 1e-7, -0.25])).toBe(0.7495001);
    expect(weightsSumValid([])).toBe(false);
  });

  it('sums decimals without float noise', () => {
    // Financial Services' weights: naive float addition gives 0.9999999999999999.
    const financial = [0.16, 0.22, 0.14, 0.18, 0.12, 0.1, 0.08];
    expect(financial.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(decimalSum(financial)).toBe(1);
    expect(decimalSum([0.1, 0.2])).toBe(0.3);
  });

  it("has a JSON form in the seed's snake_case that round-trips", () => {
    const config = new SectorConfig({
      ...base,
      dimensionWeights: { a: 0.6, b: 0.4 },
      calibrations: { h_r_baseline: 80 },
    });
    const json = config.toJSON();
    expect(json).toEqual({
      format: 'sector-studio/sector-config/v1',
      focus_group_id: 'pe_x',
      group_name: 'X',
      group_code: 'X',
      as_of: null,
      dimension_weights: { a: 0.6, b: 0.4 },
      dimension_ids: {},
      calibrations: { h_r_baseline: 80 },
      h_r_baseline: 80,
      ebitda_multiplier: 1,
      position_factor_delta: 0.15,
      talent_concentration_threshold: 0.25,
      weights_sum: 1,
      weights_valid: true,
    });
    expect(SectorConfig.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
  });
});

describe('decimal input and scale (issue 11: typing 0.10 said "Enter a number")', () => {
  it('reads decimals as people type them', () => {
    for (const [text, value] of [
      ['0.10', 0.1],
      ['0.30', 0.3],
      ['.3', 0.3],
      ['1.', 1],
      [' 0.125 ', 0.125],
      ['-0.5', -0.5],
      ['0.1000', 0.1],
      ['-0', 0],
    ] as const) {
      expect(parseDecimalInput(text, 3)).toEqual({ ok: true, value });
    }
  });

  it('refuses what is not a decimal, and more decimals than the column holds', () => {
    expect(parseDecimalInput('', 3)).toEqual({ ok: false, error: 'Enter a number' });
    for (const text of ['abc', '1e3', '0,1', '.', '-', '1.2.3', '0x10', 'Infinity']) {
      expect(parseDecimalInput(text, 3)).toEqual({ ok: false, error: 'Enter a number such as 0.10' });
    }
    expect(parseDecimalInput('0.1234', 3)).toEqual({ ok: false, error: 'At most 3 decimals' });
    expect(parseDecimalInput('0.1234', 4)).toEqual({ ok: true, value: 0.1234 });
  });

  it('tests the scale the way the database CHECK does', () => {
    expect(hasAtMostDecimals(0.285, 3)).toBe(true);
    expect(hasAtMostDecimals(0.1234, 3)).toBe(false);
    expect(hasAtMostDecimals(0.1 + 0.2, 3)).toBe(false);
    expect(hasAtMostDecimals(Number.NaN, 3)).toBe(false);
  });

  it('formats weights with three decimals and calibrations as analysts read them', () => {
    expect([0.1, 0.22, 1, 0].map(formatWeight)).toEqual(['0.100', '0.220', '1.000', '0.000']);
    // Healthcare's EBITDA multiplier is 1.00, as Financial Services' is 1.10 (issue 11 showed "1").
    expect([1, 1.1, 0.9, 0.15, 72, 82, 0.1234, 62.5, 0.125].map(formatCalibration)).toEqual([
      '1.00',
      '1.10',
      '0.90',
      '0.15',
      '72',
      '82',
      '0.1234',
      '62.50',
      '0.125',
    ]);
  });
});

describe('rebalancing weights', () => {
  const energy = {
    data_infrastructure: 0.22,
    ai_governance: 0.15,
    technology_stack: 0.18,
    talent: 0.12,
    leadership: 0.13,
    use_case_portfolio: 0.15,
    culture: 0.05,
  };

  it('scales the other weights to keep the sum at exactly 1.000, in proportion', () => {
    const next = rebalance({ ...energy, talent: 0.2 }, ['talent']);
    expect(next.talent).toBe(0.2);
    expect(decimalSum(Object.values(next))).toBe(1);
    for (const value of Object.values(next)) expect(hasAtMostDecimals(value, 3)).toBe(true);
    // Each other weight shrinks by the same factor, within the last decimal.
    const factor = 0.8 / 0.88;
    for (const code of Object.keys(energy).filter((c) => c !== 'talent')) {
      expect(Math.abs(next[code]! - energy[code as keyof typeof energy] * factor)).toBeLessThanOrEqual(0.001);
    }
  });

  it('leaves weights that already sum to 1 alone and spreads what is left over zero weights', () => {
    expect(rebalance(energy, ['talent'])).toEqual(energy);
    expect(rebalance({ a: 0.4, b: 0, c: 0 }, ['a'])).toEqual({ a: 0.4, b: 0.3, c: 0.3 });
    expect(rebalance({ a: 0.5, b: 0, c: 0, d: 0 }, ['a'])).toEqual({ a: 0.5, b: 0.167, c: 0.167, d: 0.166 });
  });

  it('refuses when the fixed weights alone exceed 1, or nothing is free', () => {
    expect(() => rebalance({ a: 0.7, b: 0.6, c: 0.1 }, ['a', 'b'])).toThrow('already sum to more than 1.000');
    expect(() => rebalance({ a: 1 }, ['a'])).toThrow('Leave at least one weight free');
  });
});

describe('rebalancing and typing (property-based)', () => {
  const weight = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

  it('always sums to exactly 1.000 with three decimals, keeping the fixed weights', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(weight, fc.boolean()), { minLength: 2, maxLength: 9 }), (rows) => {
        const weights = Object.fromEntries(rows.map(([w], i) => [`d${i}`, w]));
        const fixed = rows.flatMap(([, keep], i) => (keep ? [`d${i}`] : []));
        const fixedSum = decimalSum(fixed.map((code) => weights[code]!));
        fc.pre(fixed.length < rows.length && fixedSum <= 1);
        const next = rebalance(weights, fixed);
        expect(decimalSum(Object.values(next))).toBe(1);
        for (const code of fixed) expect(next[code]).toBe(weights[code]);
        for (const value of Object.values(next)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(hasAtMostDecimals(value, 3)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every weight as it is displayed, with or without trailing zeros', () => {
    fc.assert(
      fc.property(weight, fc.nat(3), (value, zeros) => {
        const shown = formatWeight(value);
        expect(parseDecimalInput(shown, 3)).toEqual({ ok: true, value });
        expect(parseDecimalInput(`${shown}${'0'.repeat(zeros)}`, 3)).toEqual({ ok: true, value });
        expect(parseDecimalInput(String(value), 3)).toEqual({ ok: true, value });
      }),
    );
  });
});
