import { stringify } from 'csv-stringify/sync';
import type { ScoreBreakdown, SectorRanking } from '../../shared/scoring';

export const scoreFormats = ['json', 'table'] as const;
export type ScoreFormat = (typeof scoreFormats)[number];
export const rankFormats = ['json', 'table', 'csv'] as const;
export type RankFormat = (typeof rankFormats)[number];

/** Scores as the app shows them: two decimals. */
const two = (v: number) => v.toFixed(2);
const four = (v: number) => String(Math.round(v * 1e4) / 1e4);

function columns(rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

/** The intermediates by the names docs/scoring.md uses, in the formula's order. */
export function intermediates(b: ScoreBreakdown) {
  return {
    weighted_mean: b.weighted_mean,
    cv: b.cv,
    penalty: b.penalty,
    talent_adjustment: b.talent_adjustment,
    vr: b.vr,
    revenue_percentile: b.revenue_percentile,
    sector_mean_vr: b.sector_mean_vr,
    position_factor: b.position_factor,
    hr: b.hr,
    synergy: b.synergy,
    org_air: b.org_air,
  };
}

export function formatScore(b: ScoreBreakdown, format: ScoreFormat): string {
  const inputs = {
    scores: Object.fromEntries(b.dimensions.map((d) => [d.dimension_code, d.score])),
    weights: Object.fromEntries(b.dimensions.map((d) => [d.dimension_code, d.weight])),
    talent_concentration: b.talent_concentration,
    annual_revenue_usd: b.annual_revenue_usd,
    assessed_on: b.assessed_on,
    calibrations: b.calibrations,
    parameters: b.parameters,
  };
  const named = intermediates(b);
  if (format === 'json') {
    const { organization_id, legal_name, focus_group_id, as_of, rank, sector_count } = b;
    const head = { organization_id, legal_name, focus_group_id, as_of, rank, sector_count };
    return `${JSON.stringify({ ...head, ...named, inputs }, null, 2)}\n`;
  }
  const rows = [
    ['name', 'value'],
    ...b.dimensions.map((d) => [`score ${d.dimension_code}`, `${two(d.score)} × weight ${d.weight}`]),
    ['talent_concentration', four(b.talent_concentration)],
    ['annual_revenue_usd', b.annual_revenue_usd === null ? '' : String(b.annual_revenue_usd)],
    ...Object.entries(named).map(([name, v]) => [name, name === 'org_air' ? two(v) : four(v)]),
    ['rank', `${b.rank} of ${b.sector_count} in ${b.group_name}`],
  ];
  return `${b.legal_name} (${b.organization_id})${b.as_of ? `, as of ${b.as_of}` : ''}\n${columns(rows)}`;
}

const rankHeader = ['rank', 'organization_id', 'legal_name', 'status', 'org_air', 'vr', 'hr', 'synergy'];

export function formatRanking(ranking: SectorRanking, format: RankFormat): string {
  const rows = ranking.top.map((r) => [
    String(r.rank),
    r.organization_id,
    r.legal_name,
    r.status,
    two(r.org_air),
    two(r.vr),
    two(r.hr),
    two(r.synergy),
  ]);
  if (format === 'csv') return stringify([rankHeader, ...rows]);
  if (format === 'json') {
    const { focus_group_id, group_name, as_of, weights, calibrations, parameters, assessed, unassessed } =
      ranking;
    const head = {
      focus_group_id,
      group_name,
      as_of,
      weights,
      calibrations,
      parameters,
      assessed,
      unassessed,
    };
    return `${JSON.stringify({ ...head, ranking: ranking.top }, null, 2)}\n`;
  }
  const shown = columns(
    [rankHeader, ...rows].map((r) => r.filter((_, i) => i !== 1)),
    new Set([0, 3, 4, 5, 6]),
  );
  return `${shown}(${rows.length} of ${ranking.assessed} assessed in ${ranking.group_name}; ${ranking.unassessed} without an assessment)\n`;
}
