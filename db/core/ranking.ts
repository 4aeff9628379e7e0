import type { SectorScores } from '../../shared/org-air';
import { spearman } from '../../shared/org-air';
import type { RankedOrganization, WhatIfResult, WhatIfRow } from '../../shared/scoring';

/** A sector's organizations as the scoring reads them, in one order for every column. */
export interface OrganizationLabels {
  ids: readonly string[];
  names: readonly string[];
  statuses: readonly string[];
}

/** Indices of the organizations by rank: byRank[0] is ranked 1. */
export function byRank(rank: Int32Array): Int32Array {
  const order = new Int32Array(rank.length);
  for (let i = 0; i < rank.length; i++) order[(rank[i] as number) - 1] = i;
  return order;
}

export function rankedRow(
  labels: OrganizationLabels,
  scores: SectorScores,
  rank: Int32Array,
  i: number,
): RankedOrganization {
  return {
    organization_id: labels.ids[i] as string,
    legal_name: labels.names[i] as string,
    status: labels.statuses[i] as string,
    rank: rank[i] as number,
    org_air: scores.orgAir[i] as number,
    vr: scores.vr[i] as number,
    hr: scores.hr[i] as number,
    synergy: scores.synergy[i] as number,
  };
}

const HISTOGRAM_BINS = 20;
const SCATTER_POINTS = 500;

/**
 * What a ranking screen shows of the organizations in `shown` (indices in rank order): the best and
 * worst `limit`, Org-AI-R in bins of 5 points, and V^R against H^R for at most 500 of them.
 */
export function rankingSummary(
  labels: OrganizationLabels,
  scores: SectorScores,
  rank: Int32Array,
  shown: readonly number[],
  limit: number,
) {
  const row = (i: number) => rankedRow(labels, scores, rank, i);
  const histogram: number[] = Array.from({ length: HISTOGRAM_BINS }, () => 0);
  for (const i of shown) {
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor((scores.orgAir[i] as number) / 5));
    histogram[bin] = (histogram[bin] ?? 0) + 1;
  }
  const step = Math.max(1, shown.length / SCATTER_POINTS);
  const scatter = [];
  for (let k = 0; k < shown.length && scatter.length < SCATTER_POINTS; k += step) {
    const i = shown[Math.floor(k)] as number;
    scatter.push({
      vr: scores.vr[i] as number,
      hr: scores.hr[i] as number,
      org_air: scores.orgAir[i] as number,
      legal_name: labels.names[i] as string,
    });
  }
  return {
    top: shown.slice(0, limit).map(row),
    bottom: shown.slice(Math.max(limit, shown.length - limit)).map(row),
    histogram,
    scatter,
  };
}

const TOP = 10;

/**
 * The what-if against the saved ranking: both top 10s, Spearman's ρ, how many move more than five
 * places, and the ten largest moves (ties in the order the organizations were read). One pass each, plus the
 * two top 10s read from the rank orders; nothing is sorted but the ten movers kept.
 */
export function compareRankings(
  labels: OrganizationLabels,
  before: { scores: SectorScores; rank: Int32Array },
  after: { scores: SectorScores; rank: Int32Array },
): Omit<WhatIfResult, 'focus_group_id' | 'compute_ms'> {
  const n = labels.ids.length;
  const row = (i: number): WhatIfRow => ({
    organization_id: labels.ids[i] as string,
    legal_name: labels.names[i] as string,
    rank_before: before.rank[i] as number,
    rank_after: after.rank[i] as number,
    org_air_before: before.scores.orgAir[i] as number,
    org_air_after: after.scores.orgAir[i] as number,
  });
  const move = (i: number) => Math.abs((before.rank[i] as number) - (after.rank[i] as number));
  let movedOver5 = 0;
  const movers: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = move(i);
    if (m > 5) movedOver5++;
    if (m === 0 || (movers.length === TOP && m <= move(movers[TOP - 1] as number))) continue;
    let at = movers.length;
    while (at > 0 && move(movers[at - 1] as number) < m) at--;
    movers.splice(at, 0, i);
    if (movers.length > TOP) movers.pop();
  }
  const firstTen = (rank: Int32Array) => Array.from(byRank(rank).slice(0, TOP), row);
  return {
    assessed: n,
    spearman: spearman(before.rank, after.rank),
    moved_over_5: movedOver5,
    top_after: firstTen(after.rank),
    top_before: firstTen(before.rank),
    movers: movers.map(row),
  };
}
