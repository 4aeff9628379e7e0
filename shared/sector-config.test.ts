import { describe, expect, it } from 'vitest';
import { calibrationDefaults, decimalSum, SectorConfig } from './sector-config';

const base = { focusGroupId: 'pe_x', groupName: 'X', groupCode: 'X', dimensionWeights: {}, calibrations: {} };

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
      focus_group_id: 'pe_x',
      group_name: 'X',
      group_code: 'X',
      dimension_weights: { a: 0.6, b: 0.4 },
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
