import {
  CALIBRATION_DECIMALS,
  CALIBRATION_LIMIT,
  parseDecimalInput,
  type ParsedDecimal,
} from '../../../../shared/sector-config';

/** A calibration as typed: any decimal (1.10, .3) with at most four decimals, within the CHECK's range. */
export function parseCalibration(text: string): ParsedDecimal {
  const parsed = parseDecimalInput(text, CALIBRATION_DECIMALS);
  if (parsed.ok && Math.abs(parsed.value) >= CALIBRATION_LIMIT) {
    return { ok: false, error: 'Between -1,000,000 and 1,000,000' };
  }
  return parsed;
}
