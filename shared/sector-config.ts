import { z } from 'zod';
import { SECTOR_CONFIG_FORMAT, type SectorConfigJson } from './domain';

/** The lab's values for a calibration a sector does not define. */
export const calibrationDefaults = {
  h_r_baseline: 75,
  ebitda_multiplier: 1.0,
  position_factor_delta: 0.15,
  talent_concentration_threshold: 0.25,
} as const;

/** The seed declares `weight DECIMAL(4,3)` and `parameter_value DECIMAL(10,4)`; SQLite CHECKs enforce both. */
export const WEIGHT_DECIMALS = 3;
export const CALIBRATION_DECIMALS = 4;
/** Calibrations lie strictly between -1e6 and 1e6 (the CHECK on parameter_value). */
export const CALIBRATION_LIMIT = 1_000_000;

/**
 * True when `value` has at most `decimals` decimal places, tested the way SQLite's CHECK does
 * (`value = round(value, decimals)`): 0.285 passes for 3, 0.1234 and 0.1 + 0.2 do not.
 */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  return Number.isFinite(value) && Number(value.toFixed(decimals)) === value;
}

/** A decimal as integer digits over a power of ten: 0.22 is 22 / 10^2. */
interface Decimal {
  digits: bigint;
  scale: number;
}

/**
 * A number as the decimal it prints as (0.22 is 22/100, not the double nearest to it), which is
 * what Python's Decimal makes of the same text: sums of these are exact.
 */
function toDecimal(value: number): Decimal {
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

function exactSum(values: number[]): Decimal {
  const decimals = values.map(toDecimal);
  const scale = Math.max(0, ...decimals.map((d) => d.scale));
  const digits = decimals.reduce((sum, d) => sum + d.digits * 10n ** BigInt(scale - d.scale), 0n);
  return { digits, scale };
}

/** Sums decimals the way a person would: 0.22 + 0.12 + … is 1, not 0.9999999999999999. */
export function decimalSum(values: number[]): number {
  const { digits, scale } = exactSum(values);
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const point = text.length - scale;
  return Number(`${negative ? '-' : ''}${text.slice(0, point)}.${text.slice(point) || '0'}`);
}

/**
 * The seed's `validate_weights_sum`, `abs(total - Decimal('1.0')) < Decimal('0.001')`, computed as
 * exactly as the seed's Decimals: 0.9995 and 1.0005 pass, 0.999 and 1.001 do not. No weights is no
 * valid sum.
 */
export function weightsSumValid(weights: number[]): boolean {
  if (weights.length === 0) return false;
  const { digits, scale } = exactSum(weights);
  const one = 10n ** BigInt(scale);
  const distance = digits > one ? digits - one : one - digits;
  return distance * 1000n < one;
}

export type ParsedDecimal = { ok: true; value: number } | { ok: false; error: string };

/**
 * Reads a decimal as a person types it: `0.10`, `.3`, `1.`, `-0.5`, with spaces around. Exponents,
 * thousands separators and more than `decimals` decimals are refused with a message that says why.
 */
export function parseDecimalInput(text: string, decimals: number): ParsedDecimal {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Enter a number' };
  const match = /^-?(\d*)(?:\.(\d*))?$/.exec(trimmed);
  if (match === null || (match[1] === '' && (match[2] ?? '') === '')) {
    return { ok: false, error: 'Enter a number such as 0.10' };
  }
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return { ok: false, error: `At most ${decimals} decimals` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: 'Enter a number such as 0.10' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** Weights always with three decimals (0.220), as the seed's DECIMAL(4,3) holds them. */
export function formatWeight(value: number): string {
  return value.toFixed(WEIGHT_DECIMALS);
}

/**
 * Calibrations: whole scores of 10 and more as integers (an H^R baseline of 72), everything else
 * (multipliers, deltas, thresholds) with at least two decimals (1.10, 1.00, 0.15), more only when
 * stored (0.1234).
 */
export function formatCalibration(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= 10) return String(value);
  for (let decimals = 2; decimals < CALIBRATION_DECIMALS; decimals++) {
    if (hasAtMostDecimals(value, decimals)) return value.toFixed(decimals);
  }
  return value.toFixed(CALIBRATION_DECIMALS);
}

/**
 * Scales every weight not in `fixed` so that all of them sum to exactly 1.000, keeping their
 * proportions and three decimals (the rounding remainder goes to the largest fractions, so the sum
 * is exact). Weights that are all zero share what is left equally. Throws when the fixed weights
 * alone exceed 1 or nothing is left to scale.
 */
export function rebalance(weights: Record<string, number>, fixed: Iterable<string>): Record<string, number> {
  const unit = 10 ** WEIGHT_DECIMALS;
  const keep = new Set(fixed);
  const codes = Object.keys(weights);
  const free = codes.filter((code) => !keep.has(code));
  if (free.length === 0) throw new Error('Leave at least one weight free to rebalance');
  const units = (code: string) => Math.round((weights[code] ?? 0) * unit);
  const left = unit - codes.filter((code) => keep.has(code)).reduce((sum, code) => sum + units(code), 0);
  if (left < 0) throw new Error('The weights you set already sum to more than 1.000');
  const base = free.reduce((sum, code) => sum + units(code), 0);
  const exact = free.map((code) => (base === 0 ? left / free.length : (units(code) * left) / base));
  const floors = exact.map(Math.floor);
  let remainder = left - floors.reduce((a, b) => a + b, 0);
  const byFraction = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of byFraction) {
    if (remainder <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    remainder--;
  }
  const result = { ...weights };
  free.forEach((code, index) => (result[code] = (floors[index] ?? 0) / unit));
  return result;
}

/** The seed's short dimension code: `pe_dim_data_infra` is `data_infra`. */
export function shortDimensionCode(dimensionId: string): string {
  return dimensionId.replace(/^[a-z]+_dim_/, '');
}

export interface SectorConfigRows {
  sectorId: string;
  groupName: string;
  groupCode: string;
  dimensionWeights: Record<string, number>;
  calibrations: Record<string, number>;
  /** Each dimension code's id (`data_infrastructure` → `pe_dim_data_infra`). */
  dimensionIds?: Record<string, string>;
  /** The day the configuration was in force; null for the current one. */
  asOf?: string | null;
}

/** A sector's configuration, loaded from its weight and calibration rows in force on one day. */
export class SectorConfig {
  readonly sectorId: string;
  readonly groupName: string;
  readonly groupCode: string;
  readonly dimensionWeights: Readonly<Record<string, number>>;
  readonly calibrations: Readonly<Record<string, number>>;
  readonly dimensionIds: Readonly<Record<string, string>>;
  readonly asOf: string | null;

  constructor(rows: SectorConfigRows) {
    this.sectorId = rows.sectorId;
    this.groupName = rows.groupName;
    this.groupCode = rows.groupCode;
    this.dimensionWeights = { ...rows.dimensionWeights };
    this.calibrations = { ...rows.calibrations };
    this.dimensionIds = { ...rows.dimensionIds };
    this.asOf = rows.asOf ?? null;
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

  /**
   * A dimension's weight by its code (`data_infrastructure`), its id (`pe_dim_data_infra`) or the
   * seed's short code (`data_infra`); 0 for a dimension the sector does not weigh.
   */
  getDimensionWeight(dimension: string): number {
    if (Object.hasOwn(this.dimensionWeights, dimension)) return this.dimensionWeights[dimension] ?? 0;
    for (const [code, id] of Object.entries(this.dimensionIds)) {
      if (id === dimension || shortDimensionCode(id) === dimension) return this.dimensionWeights[code] ?? 0;
    }
    return 0;
  }

  get weightsSum(): number {
    return decimalSum(Object.values(this.dimensionWeights));
  }

  validateWeightsSum(): boolean {
    return weightsSumValid(Object.values(this.dimensionWeights));
  }

  toJSON(): SectorConfigJson {
    return {
      format: SECTOR_CONFIG_FORMAT,
      focus_group_id: this.sectorId,
      group_name: this.groupName,
      group_code: this.groupCode,
      as_of: this.asOf,
      dimension_weights: { ...this.dimensionWeights },
      dimension_ids: { ...this.dimensionIds },
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
      sectorId: json.focus_group_id,
      groupName: json.group_name,
      groupCode: json.group_code,
      dimensionWeights: json.dimension_weights,
      calibrations: json.calibrations,
      dimensionIds: json.dimension_ids,
      asOf: json.as_of,
    });
  }
}

/**
 * The contract's SectorConfigJson as a schema: what a value read from a cache shared with other
 * programs must be before it is served (numbers are finite, `format` is this app's).
 */
export const sectorConfigJsonSchema = z.object({
  format: z.literal(SECTOR_CONFIG_FORMAT),
  focus_group_id: z.string(),
  group_name: z.string(),
  group_code: z.string(),
  as_of: z.string().nullable(),
  dimension_weights: z.record(z.string(), z.number()),
  dimension_ids: z.record(z.string(), z.string()),
  calibrations: z.record(z.string(), z.number()),
  h_r_baseline: z.number(),
  ebitda_multiplier: z.number(),
  position_factor_delta: z.number(),
  talent_concentration_threshold: z.number(),
  weights_sum: z.number(),
  weights_valid: z.boolean(),
}) satisfies z.ZodType<SectorConfigJson>;
