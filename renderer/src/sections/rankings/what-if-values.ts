import type { WhatIfOverrides, SectorRanking } from '../../../../shared/scoring';
import { CALIBRATION_DECIMALS, formatCalibration, parseDecimalInput } from '../../../../shared/sector-config';

/** The calibrations and platform parameters a what-if may change, with their labels. */
export const valueFields = [
  { key: 'h_r_baseline', label: 'Hᴿ baseline HR₀', kind: 'calibration' },
  { key: 'position_factor_delta', label: 'Position factor δ', kind: 'calibration' },
  { key: 'talent_concentration_threshold', label: 'Talent threshold τ', kind: 'calibration' },
  { key: 'alpha', label: 'α (Vᴿ vs Hᴿ)', kind: 'parameter' },
  { key: 'beta', label: 'β (synergy)', kind: 'parameter' },
  { key: 'lambda', label: 'λ (penalty)', kind: 'parameter' },
  { key: 'kappa', label: 'κ (talent risk)', kind: 'parameter' },
] as const;

export type ValueKey = (typeof valueFields)[number]['key'];

const savedValue = (ranking: SectorRanking, key: ValueKey): number =>
  key in ranking.calibrations
    ? ranking.calibrations[key as keyof SectorRanking['calibrations']]
    : ranking.parameters[key as keyof SectorRanking['parameters']];

export function valuesDraft(ranking: SectorRanking): Record<ValueKey, string> {
  return Object.fromEntries(
    valueFields.map((f) => [f.key, formatCalibration(savedValue(ranking, f.key))]),
  ) as Record<ValueKey, string>;
}

/** The calibrations and parameters typed that differ from the saved ones, or the first invalid field. */
export function valueOverrides(
  ranking: SectorRanking,
  draft: Record<ValueKey, string>,
): Omit<WhatIfOverrides, 'weights'> | { invalid: ValueKey } {
  const calibrations: Record<string, number> = {};
  const parameters: Record<string, number> = {};
  for (const field of valueFields) {
    const parsed = parseDecimalInput(draft[field.key], CALIBRATION_DECIMALS);
    if (!parsed.ok) return { invalid: field.key };
    if (parsed.value === savedValue(ranking, field.key)) continue;
    (field.kind === 'calibration' ? calibrations : parameters)[field.key] = parsed.value;
  }
  return { calibrations, parameters };
}
