import type { SectorConfigJson } from './domain';

/** The lab's values for a calibration a sector does not define. */
export const calibrationDefaults = {
  h_r_baseline: 75,
  ebitda_multiplier: 1.0,
  position_factor_delta: 0.15,
  talent_concentration_threshold: 0.25,
} as const;

const WEIGHT_SUM_TOLERANCE = 0.001;

/** Sums decimals the way a person would: 0.22 + 0.12 + … is 1, not 0.9999999999999999. */
export function decimalSum(values: number[]): number {
  return Number(values.reduce((sum, v) => sum + v, 0).toFixed(9));
}

export interface SectorConfigRows {
  focusGroupId: string;
  groupName: string;
  groupCode: string;
  dimensionWeights: Record<string, number>;
  calibrations: Record<string, number>;
}

/** A sector's configuration, loaded from its current weight and calibration rows. */
export class SectorConfig {
  readonly focusGroupId: string;
  readonly groupName: string;
  readonly groupCode: string;
  readonly dimensionWeights: Readonly<Record<string, number>>;
  readonly calibrations: Readonly<Record<string, number>>;

  constructor(rows: SectorConfigRows) {
    this.focusGroupId = rows.focusGroupId;
    this.groupName = rows.groupName;
    this.groupCode = rows.groupCode;
    this.dimensionWeights = { ...rows.dimensionWeights };
    this.calibrations = { ...rows.calibrations };
  }

  private calibration(name: keyof typeof calibrationDefaults): number {
    return this.calibrations[name] ?? calibrationDefaults[name];
  }

  get hRBaseline(): number {
    return this.calibration('h_r_baseline');
  }

  get ebitdaMultiplier(): number {
    return this.calibration('ebitda_multiplier');
  }

  get positionFactorDelta(): number {
    return this.calibration('position_factor_delta');
  }

  get talentConcentrationThreshold(): number {
    return this.calibration('talent_concentration_threshold');
  }

  getDimensionWeight(dimensionCode: string): number {
    return this.dimensionWeights[dimensionCode] ?? 0;
  }

  get weightsSum(): number {
    return decimalSum(Object.values(this.dimensionWeights));
  }

  validateWeightsSum(): boolean {
    return Math.abs(this.weightsSum - 1) <= WEIGHT_SUM_TOLERANCE;
  }

  toJSON(): SectorConfigJson {
    return {
      focus_group_id: this.focusGroupId,
      group_name: this.groupName,
      group_code: this.groupCode,
      dimension_weights: { ...this.dimensionWeights },
      calibrations: { ...this.calibrations },
      h_r_baseline: this.hRBaseline,
      ebitda_multiplier: this.ebitdaMultiplier,
      position_factor_delta: this.positionFactorDelta,
      talent_concentration_threshold: this.talentConcentrationThreshold,
      weights_sum: this.weightsSum,
      weights_valid: this.validateWeightsSum(),
    };
  }

  static fromJSON(json: SectorConfigJson): SectorConfig {
    return new SectorConfig({
      focusGroupId: json.focus_group_id,
      groupName: json.group_name,
      groupCode: json.group_code,
      dimensionWeights: json.dimension_weights,
      calibrations: json.calibrations,
    });
  }
}
