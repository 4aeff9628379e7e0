/**
 * The PE Org-AI-R score of the framework the seed belongs to, written once for every engine, the
 * CLI and the renderer. Inputs are plain numbers; a sector's organizations are scored together
 * (the revenue percentile and the sector's mean V^R depend on all of them), as columns of typed
 * arrays, so that a what-if over a sector of 150,000 organizations is a few passes over memory.
 */

/** The platform's parameters: data rows with history, never code constants (defaults of the framework). */
export interface PlatformParameters {
  /** Weight of V^R against H^R. */
  alpha: number;
  /** Weight of synergy. */
  beta: number;
  /** Non-compensatory penalty on an uneven profile. */
  lambda: number;
  /** Talent-risk coefficient. */
  kappa: number;
  alignment: number;
  timing: number;
}

/** What a sector's configuration contributes: dimension weights (in dimension order) and calibrations. */
export interface SectorScoring {
  weights: readonly number[];
  /** h_r_baseline, HR₀. */
  hrBaseline: number;
  /** position_factor_delta, δ. */
  positionFactorDelta: number;
  /** talent_concentration_threshold, τ. */
  talentThreshold: number;
}

/**
 * A sector's assessed organizations as columns: `scores` holds n rows of the dimensions' scores
 * (0–100) in the weights' order, `talent` the talent concentration (0–1), `revenue` the annual
 * revenue (NaN where unknown).
 */
export interface SectorAssessments {
  count: number;
  scores: Float64Array;
  talent: Float64Array;
  revenue: Float64Array;
}

/** Every intermediate of every organization, as columns in the assessments' order. */
export interface SectorScores {
  weightedMean: Float64Array;
  cv: Float64Array;
  penalty: Float64Array;
  talentAdjustment: Float64Array;
  vr: Float64Array;
  revenuePercentile: Float64Array;
  sectorMeanVr: number;
  positionFactor: Float64Array;
  hr: Float64Array;
  synergy: Float64Array;
  orgAir: Float64Array;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Mid-rank revenue percentile within the sector: p = (L + (E − 1)/2) / (n − 1), where L counts the
 * organizations with lower revenue and E those with equal revenue (itself included); 0.5 when n is 1
 * or the revenue is unknown. It does not depend on the configuration, so a what-if computes it once.
 */
export function revenuePercentiles(assessments: SectorAssessments): Float64Array {
  const { count: n, revenue } = assessments;
  const result = new Float64Array(n).fill(0.5);
  if (n <= 1) return result;
  const known: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(revenue[i] as number)) known.push(i);
  known.sort((a, b) => (revenue[a] as number) - (revenue[b] as number));
  for (let start = 0; start < known.length;) {
    let end = start;
    while (end + 1 < known.length && revenue[known[end + 1] as number] === revenue[known[start] as number])
      end++;
    const equal = end - start + 1;
    const p = (start + (equal - 1) / 2) / (n - 1);
    for (let k = start; k <= end; k++) result[known[k] as number] = p;
    start = end + 1;
  }
  return result;
}

/**
 * Scores every organization of one sector (see docs/scoring.md for the formula and a case worked by
 * hand). `percentiles` may be passed when already known (they do not change with the weights).
 */
export function scoreSector(
  sector: SectorScoring,
  parameters: PlatformParameters,
  assessments: SectorAssessments,
  percentiles: Float64Array = revenuePercentiles(assessments),
): SectorScores {
  const n = assessments.count;
  const d = sector.weights.length;
  const weightSum = sector.weights.reduce((sum, w) => sum + w, 0);
  const columns = () => new Float64Array(n);
  const out = {
    weightedMean: columns(),
    cv: columns(),
    penalty: columns(),
    talentAdjustment: columns(),
    vr: columns(),
    revenuePercentile: percentiles,
    sectorMeanVr: 0,
    positionFactor: columns(),
    hr: columns(),
    synergy: columns(),
    orgAir: columns(),
  };
  const { lambda, kappa } = parameters;
  let vrTotal = 0;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let weighted = 0;
    for (let k = 0; k < d; k++)
      weighted += (sector.weights[k] as number) * (assessments.scores[row + k] as number);
    const mean = weightSum > 0 ? weighted / weightSum : 0;
    let spread = 0;
    for (let k = 0; k < d; k++) {
      const gap = (assessments.scores[row + k] as number) - mean;
      spread += (sector.weights[k] as number) * gap * gap;
    }
    const sigma = weightSum > 0 ? Math.sqrt(spread / weightSum) : 0;
    const cv = mean === 0 ? 0 : sigma / mean;
    const penalty = clamp(1 - lambda * cv, 0, 1);
    const talent = clamp(
      1 - kappa * Math.max(0, (assessments.talent[i] as number) - sector.talentThreshold),
      0,
      1,
    );
    const vr = clamp(mean * penalty * talent, 0, 100);
    out.weightedMean[i] = mean;
    out.cv[i] = cv;
    out.penalty[i] = penalty;
    out.talentAdjustment[i] = talent;
    out.vr[i] = vr;
    vrTotal += vr;
  }
  out.sectorMeanVr = n > 0 ? vrTotal / n : 0;
  const { alpha, beta, alignment } = parameters;
  const timing = clamp(parameters.timing, 0.8, 1.2);
  for (let i = 0; i < n; i++) {
    const vr = out.vr[i] as number;
    const relative = clamp((vr - out.sectorMeanVr) / 50, -1, 1);
    const pf = clamp(0.6 * relative + 0.4 * (2 * (percentiles[i] as number) - 1), -1, 1);
    const hr = clamp(sector.hrBaseline * (1 + sector.positionFactorDelta * pf), 0, 100);
    const synergy = clamp(((vr * hr) / 100) * alignment * timing, 0, 100);
    out.positionFactor[i] = pf;
    out.hr[i] = hr;
    out.synergy[i] = synergy;
    out.orgAir[i] = clamp((1 - beta) * (alpha * vr + (1 - alpha) * hr) + beta * synergy, 0, 100);
  }
  return out;
}

/** Buckets of the ranking's distribution sort: about two organizations a bucket at 150,000. */
const RANK_BUCKETS = 1 << 16;

/**
 * Ranks (1 = highest Org-AI-R) of a sector's organizations; ties share the order of the
 * assessments (as a stable sort would), so two rankings of the same data compare position for
 * position. A distribution sort: organizations are dealt into buckets by score (highest first, in
 * their order), and only the few sharing a bucket are compared, so a what-if of 150,000
 * organizations ranks in a few passes over memory instead of a comparator sort of all of them.
 */
export function ranks(orgAir: Float64Array): Int32Array {
  const n = orgAir.length;
  let low = Infinity;
  let high = -Infinity;
  for (const value of orgAir) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const scale = high > low ? (RANK_BUCKETS - 1) / (high - low) : 0;
  // Bucket 0 holds the highest scores. Scores closer together than a double can scale (0 and
  // 5e-324) give an infinite scale: clamped, the lowest score still goes last and the highest first.
  const bucketOf = (value: number) => {
    const fromLow = Math.floor((value - low) * scale);
    return RANK_BUCKETS - 1 - (fromLow >= 0 ? Math.min(fromLow, RANK_BUCKETS - 1) : 0);
  };
  const starts = new Int32Array(RANK_BUCKETS + 1);
  for (let i = 0; i < n; i++) {
    const next = bucketOf(orgAir[i] as number) + 1;
    starts[next] = (starts[next] as number) + 1;
  }
  for (let b = 0; b < RANK_BUCKETS; b++) starts[b + 1] = (starts[b + 1] as number) + (starts[b] as number);
  const filled = starts.slice(0, RANK_BUCKETS);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(orgAir[i] as number);
    order[filled[b] as number] = i;
    filled[b] = (filled[b] as number) + 1;
  }
  const byScore = (a: number, b: number) => (orgAir[b] as number) - (orgAir[a] as number) || a - b;
  for (let b = 0; b < RANK_BUCKETS; b++) {
    const from = starts[b] as number;
    const to = starts[b + 1] as number;
    if (to - from > 1) order.subarray(from, to).sort(byScore);
  }
  const rank = new Int32Array(n);
  for (let k = 0; k < n; k++) rank[order[k] as number] = k + 1;
  return rank;
}

/** Spearman's ρ between two rankings of the same organizations (1 when identical). */
export function spearman(a: Int32Array, b: Int32Array): number {
  const n = a.length;
  if (n < 2) return 1;
  let squared = 0;
  for (let i = 0; i < n; i++) squared += ((a[i] as number) - (b[i] as number)) ** 2;
  return 1 - (6 * squared) / (n * (n * n - 1));
}
