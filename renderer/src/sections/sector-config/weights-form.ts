import {
  decimalSum,
  formatWeight,
  parseDecimalInput,
  rebalance,
  WEIGHT_DECIMALS,
  weightsSumValid,
  type ParsedDecimal,
} from '../../../../shared/sector-config';

/** One row of the weights form: what the analyst typed, read as a weight. */
export interface DraftWeight {
  code: string;
  name: string;
  /** The saved weight, to tell changed rows from the rest. */
  saved: number;
  /** The version of the saved weight: a save is refused if someone saved another since. */
  versionId: number;
  text: string;
}

export interface DraftState {
  rows: DraftWeight[];
  /** Codes the analyst typed into, in order: rebalancing keeps these and scales the others. */
  touched: string[];
}

export function initialDraft(
  rows: { code: string; name: string; weight: number; versionId: number }[],
): DraftState {
  return {
    rows: rows.map((row) => ({
      code: row.code,
      name: row.name,
      saved: row.weight,
      versionId: row.versionId,
      text: formatWeight(row.weight),
    })),
    touched: [],
  };
}

/** A weight as typed: a decimal from 0 to 1 with at most three decimals (0.10 and .3 are fine). */
export function parseWeight(text: string): ParsedDecimal {
  const parsed = parseDecimalInput(text, WEIGHT_DECIMALS);
  if (!parsed.ok) return parsed;
  if (parsed.value < 0 || parsed.value > 1) return { ok: false, error: 'Between 0 and 1' };
  return parsed;
}

/** What the form opens with besides the saved values: weights typed in already, a rationale begun. */
export interface WeightsPreset {
  typed: Record<string, number>;
  rationale: string;
}

/** The form's first draft: the saved weights, with a preset's values typed over them (rebalancing keeps those). */
export function presetDraft(
  weights: { dimension_code: string; dimension_name: string; weight: number; weight_id: number }[],
  preset: WeightsPreset | undefined,
): DraftState {
  const draft = initialDraft(
    weights.map((w) => ({
      code: w.dimension_code,
      name: w.dimension_name,
      weight: w.weight,
      versionId: w.weight_id,
    })),
  );
  return Object.entries(preset?.typed ?? {}).reduce(
    (state, [code, weight]) => typeInto(state, code, formatWeight(weight)),
    draft,
  );
}

export function typeInto(state: DraftState, code: string, text: string): DraftState {
  return {
    rows: state.rows.map((row) => (row.code === code ? { ...row, text } : row)),
    touched: [...state.touched.filter((c) => c !== code), code],
  };
}

export interface DraftSummary {
  /** Each row's weight, or its error. */
  parsed: Map<string, ParsedDecimal>;
  valid: boolean;
  /** null while a row is invalid. */
  sum: number | null;
  /** The seed's rule, as the backend's `weights_valid` applies it. */
  sumsToOne: boolean;
  /** What a save sends: the changed weights only, each with the version it was typed over. */
  changed: { dimension_code: string; weight: number; weight_id: number }[];
}

export function summarize(state: DraftState): DraftSummary {
  const parsed = new Map(state.rows.map((row) => [row.code, parseWeight(row.text)]));
  const values = [...parsed.values()].flatMap((p) => (p.ok ? [p.value] : []));
  const valid = values.length === state.rows.length;
  const sum = valid ? decimalSum(values) : null;
  const changed = state.rows.flatMap((row) => {
    const p = parsed.get(row.code);
    return p?.ok && p.value !== row.saved
      ? [{ dimension_code: row.code, weight: p.value, weight_id: row.versionId }]
      : [];
  });
  return { parsed, valid, sum, sumsToOne: valid && weightsSumValid(values), changed };
}

/**
 * Scales the weights the analyst has not typed into so that all of them sum to 1.000, keeping
 * their proportions. When every weight was typed into, the one typed longest ago gives way.
 */
export function rebalanceDraft(state: DraftState): DraftState | { error: string } {
  const summary = summarize(state);
  if (!summary.valid) return { error: 'Fix the weights marked in red first' };
  const weights = Object.fromEntries(
    state.rows.map((row) => [row.code, (summary.parsed.get(row.code) as { value: number }).value]),
  );
  let fixed = state.touched;
  if (fixed.length >= state.rows.length) fixed = fixed.slice(1);
  try {
    const next = rebalance(weights, fixed);
    return { ...state, rows: state.rows.map((row) => ({ ...row, text: formatWeight(next[row.code] ?? 0) })) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
