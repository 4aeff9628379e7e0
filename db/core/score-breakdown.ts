import type { Dimension } from '../../shared/domain';
import type { SectorScores, SectorScoring } from '../../shared/org-air';
import type { ScoreBreakdown, ScoringBasis } from '../../shared/scoring';
import type { SectorColumns } from './sector-columns';

/** A sector scored under one basis: what a breakdown of one of its organizations is read from. */
export interface ScoredUnder {
  basis: ScoringBasis;
  dimensions: Dimension[];
  columns: SectorColumns;
  sector: SectorScoring;
  scores: SectorScores;
  rank: Int32Array;
}

/**
 * How the score of the organization at index `i` of a scored sector is made: each dimension's
 * weighted contribution, then every step of the formula (shared/org-air.ts) as it computed them.
 */
export function breakdownOf(i: number, s: ScoredUnder, revenue: number | null): ScoreBreakdown {
  const { columns, sector } = s;
  const d = columns.dimensionIds.length;
  const weightSum = sector.weights.reduce((a, w) => a + w, 0);
  const byId = new Map(s.dimensions.map((dim) => [dim.dimension_id, dim]));
  const at = (column: Float64Array) => column[i] as number;
  const vrGap = Math.min(1, Math.max(-1, (at(s.scores.vr) - s.scores.sectorMeanVr) / 50));
  return {
    ...s.basis,
    organization_id: columns.ids[i] as string,
    legal_name: columns.names[i] as string,
    assessed_on: columns.assessedOn[i] as string,
    talent_concentration: at(columns.assessments.talent),
    annual_revenue_usd: revenue === null ? null : Number(revenue),
    dimensions: columns.dimensionIds.map((id, k) => {
      const score = columns.assessments.scores[i * d + k] as number;
      const weight = sector.weights[k] as number;
      const dim = byId.get(id);
      return {
        dimension_id: id,
        dimension_code: dim?.dimension_code ?? id,
        dimension_name: dim?.dimension_name ?? id,
        score,
        weight,
        contribution: weightSum > 0 ? (weight * score) / weightSum : 0,
      };
    }),
    rank: s.rank[i] as number,
    sector_count: columns.assessments.count,
    weighted_mean: at(s.scores.weightedMean),
    cv: at(s.scores.cv),
    penalty: at(s.scores.penalty),
    talent_adjustment: at(s.scores.talentAdjustment),
    vr: at(s.scores.vr),
    revenue_percentile: at(s.scores.revenuePercentile),
    sector_mean_vr: s.scores.sectorMeanVr,
    position_relative: 0.6 * vrGap,
    position_revenue: 0.4 * (2 * at(s.scores.revenuePercentile) - 1),
    position_factor: at(s.scores.positionFactor),
    hr: at(s.scores.hr),
    synergy: at(s.scores.synergy),
    org_air: at(s.scores.orgAir),
  };
}
