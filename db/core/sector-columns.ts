import { revenuePercentiles, type SectorAssessments } from '../../shared/org-air';
import type { OrganizationLabels } from './ranking';
import type { SqlSession } from './sql';

/** A sector's assessed organizations as the formula reads them, with their labels. */
export interface SectorColumns extends OrganizationLabels {
  /** The order of each row's scores in `assessments.scores`. */
  dimensionIds: string[];
  assessedOn: string[];
  assessments: SectorAssessments;
  /** The revenue percentiles do not depend on the configuration: computed once per load. */
  percentiles: Float64Array;
  /** Organizations of the sector without a complete assessment. */
  unassessed: number;
}

/** The same text on both engines; ids compare bytewise on both (lower-case hex UUIDs). */
const sql = {
  dimensions: 'SELECT dimension_id FROM dimensions ORDER BY display_order, dimension_id',
  organizations: 'SELECT count(*) AS n FROM organizations WHERE focus_group_id = $1',
  /**
   * Each assessed organization with its dimensions' scores as columns s0, s1, … (dimension k bound
   * as $k+2): one pass over the sector's organizations, each score one primary-key seek. Joining the
   * score rows to organizations instead walked the sector's organizations a second time and cost
   * two to four times as long.
   */
  assessed: (dimensions: number) => `SELECT o.organization_id, o.legal_name, o.status,
    o.annual_revenue_usd AS revenue, a.talent_concentration AS talent, a.assessed_on${Array.from(
      { length: dimensions },
      (_, k) => `,
    (SELECT s.score FROM organization_dimension_scores s
      WHERE s.organization_id = o.organization_id AND s.dimension_id = $${k + 2}) AS s${k}`,
    ).join('')}
    FROM organizations o JOIN organization_assessments a ON a.organization_id = o.organization_id
    WHERE o.focus_group_id = $1 ORDER BY o.organization_id`,
};

interface AssessedRow {
  organization_id: string;
  legal_name: string;
  status: string;
  revenue: number | null;
  talent: number;
  assessed_on: string;
  [score: `s${number}`]: number | string | null;
}

/**
 * Reads a sector's assessments (one snapshot: run inside the engine's read). An organization missing
 * a dimension's score has no complete assessment: it is left out, like one never assessed.
 */
export async function loadSectorColumns(db: SqlSession, sectorId: string): Promise<SectorColumns> {
  const dimensionIds = (await db.rows<{ dimension_id: string }>(sql.dimensions)).map((d) => d.dimension_id);
  const d = dimensionIds.length;
  const rows = await db.rows<AssessedRow>(sql.assessed(d), [sectorId, ...dimensionIds]);
  const total = Number((await db.row<{ n: number }>(sql.organizations, [sectorId]))?.n ?? 0);
  const all = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    for (let k = 0; k < d; k++) {
      const score = row[`s${k}`];
      all[i * d + k] = score === null || score === undefined ? Number.NaN : Number(score);
    }
  });
  const keep = rows.flatMap((_, i) => (all.subarray(i * d, (i + 1) * d).some(Number.isNaN) ? [] : [i]));
  const scores = new Float64Array(keep.length * d);
  keep.forEach((i, j) => scores.set(all.subarray(i * d, (i + 1) * d), j * d));
  const kept = keep.map((i) => rows[i] as AssessedRow);
  const revenue = Float64Array.from(kept, (row) => (row.revenue === null ? Number.NaN : Number(row.revenue)));
  const assessments: SectorAssessments = {
    count: kept.length,
    scores,
    talent: Float64Array.from(kept, (row) => Number(row.talent)),
    revenue,
  };
  return {
    dimensionIds,
    ids: kept.map((row) => row.organization_id),
    names: kept.map((row) => row.legal_name),
    statuses: kept.map((row) => row.status),
    assessedOn: kept.map((row) => row.assessed_on),
    assessments,
    percentiles: revenuePercentiles(assessments),
    unassessed: total - kept.length,
  };
}
