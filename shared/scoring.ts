/**
 * What the scoring channels answer (the formula itself is in org-air.ts): a sector's ranking, one
 * organization's breakdown, a what-if against the saved configuration, and the platform's parameters.
 */
import type { PlatformParameters } from './org-air';

export const platformParameterNames = ['alpha', 'beta', 'lambda', 'kappa', 'alignment', 'timing'] as const;
export type PlatformParameterName = (typeof platformParameterNames)[number];

/** The sector calibrations the formula reads. */
export const scoringCalibrations = [
  'h_r_baseline',
  'position_factor_delta',
  'talent_concentration_threshold',
] as const;
export type ScoringCalibration = (typeof scoringCalibrations)[number];

export interface PlatformParameterDetail {
  parameter_id: number;
  parameter_name: string;
  value: number;
  description: string | null;
  rationale: string | null;
  effective_from: string;
}

export interface PlatformParameterVersion extends PlatformParameterDetail {
  effective_to: string | null;
  is_current: boolean;
  /** Who saved it; null for the framework's values and versions of unknown authorship. */
  author: string | null;
}

/** The parameters in force today (as_of null) or on a day. */
export interface PlatformParametersView {
  as_of: string | null;
  parameters: PlatformParameterDetail[];
}

/** One organization's place in its sector's ranking. */
export interface RankedOrganization {
  organization_id: string;
  legal_name: string;
  status: string;
  rank: number;
  org_air: number;
  vr: number;
  hr: number;
  synergy: number;
}

/** What a ranking was computed with. */
export interface ScoringBasis {
  focus_group_id: string;
  group_name: string;
  /** The day whose configuration was used; null for today's. */
  as_of: string | null;
  weights: Record<string, number>;
  calibrations: Record<ScoringCalibration, number>;
  parameters: PlatformParameters;
}

export interface SectorRanking extends ScoringBasis {
  /** Organizations of the sector with a complete assessment (those ranked). */
  assessed: number;
  /** Organizations of the sector without one: they have no score (not 0). */
  unassessed: number;
  sector_mean_vr: number;
  /** The best `limit` of those shown (all statuses, or the one asked for), by rank. */
  top: RankedOrganization[];
  /** The lowest `limit`, worst last. */
  bottom: RankedOrganization[];
  /** Org-AI-R in bins of 5 points, 0–5 … 95–100, of the organizations shown. */
  histogram: number[];
  /** V^R against H^R, at most 500 organizations evenly spread over the ranks shown. */
  scatter: { vr: number; hr: number; org_air: number; legal_name: string }[];
}

export interface DimensionContribution {
  dimension_id: string;
  dimension_code: string;
  dimension_name: string;
  score: number;
  weight: number;
  /** w_d · s_d / Σ w: what the dimension adds to the weighted mean D. */
  contribution: number;
}

/** Every intermediate of one organization's score, by the names docs/scoring.md uses. */
export interface ScoreBreakdown extends ScoringBasis {
  organization_id: string;
  legal_name: string;
  assessed_on: string;
  talent_concentration: number;
  annual_revenue_usd: number | null;
  dimensions: DimensionContribution[];
  rank: number;
  sector_count: number;
  weighted_mean: number;
  cv: number;
  penalty: number;
  talent_adjustment: number;
  vr: number;
  revenue_percentile: number;
  sector_mean_vr: number;
  /** PF's two parts: 0.6 · clamp((V^R − mean)/50) and 0.4 · (2p − 1), before PF's own clamp. */
  position_relative: number;
  position_revenue: number;
  position_factor: number;
  hr: number;
  synergy: number;
  org_air: number;
}

/** Values that replace the saved ones in a what-if; any may be left out. */
export interface WhatIfOverrides {
  weights?: Record<string, number> | undefined;
  calibrations?: Partial<Record<ScoringCalibration, number>> | undefined;
  parameters?: Partial<PlatformParameters> | undefined;
}

export interface WhatIfRow {
  organization_id: string;
  legal_name: string;
  rank_before: number;
  rank_after: number;
  org_air_before: number;
  org_air_after: number;
}

export interface WhatIfResult {
  focus_group_id: string;
  assessed: number;
  /** Spearman's ρ between the saved ranking and the what-if's. */
  spearman: number;
  /** How many organizations move more than 5 places. */
  moved_over_5: number;
  /** The what-if's top 10 and the saved top 10. */
  top_after: WhatIfRow[];
  top_before: WhatIfRow[];
  /** The 10 largest moves, largest first. */
  movers: WhatIfRow[];
  /** Time spent scoring and ranking in the engine, for the screen and the bench. */
  compute_ms: number;
}

/** What a refresh of the materialized scores did: the sectors it recomputed, and how long it took. */
export interface ScoreRefresh {
  sectors: string[];
  ms: number;
}
