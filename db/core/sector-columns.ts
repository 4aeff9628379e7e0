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

/** Beyond this many edited organizations, reading the sector again costs less than following them. */
export const FOLLOWED_EDITS = 2_000;

/**
 * Each assessed organization with its dimensions' scores as columns s0, s1, … (dimension k bound as
 * $k+2), selected by `where` ($1): one pass over the sector's organizations, each score one
 * primary-key seek. Joining the score rows to organizations instead walked the sector's organizations
 * a second time and cost two to four times as long. The same text on both engines; ids compare
 * bytewise on both (lower-case hex UUIDs).
 */
export const assessed = (
  dimensions: number,
  where: string,
  order = 'o.organization_id',
) => `SELECT o.organization_id, o.focus_group_id,
    o.legal_name, o.status, o.annual_revenue_usd AS revenue, a.talent_concentration AS talent,
    a.assessed_on${Array.from(
      { length: dimensions },
      (_, k) => `,
    (SELECT s.score FROM organization_dimension_scores s
      WHERE s.organization_id = o.organization_id AND s.dimension_id = $${k + 2}) AS s${k}`,
    ).join('')}
    FROM organizations o JOIN organization_assessments a ON a.organization_id = o.organization_id
    WHERE ${where} ORDER BY ${order}`;

const sql = {
  dimensions: 'SELECT dimension_id FROM dimensions ORDER BY display_order, dimension_id',
  organizations: 'SELECT count(*) AS n FROM organizations WHERE focus_group_id = $1',
  sector: (dimensions: number) => assessed(dimensions, 'o.focus_group_id = $1'),
  organization: (dimensions: number) => assessed(dimensions, 'o.organization_id = $1'),
};

export interface AssessedRow {
  organization_id: string;
  focus_group_id: string;
  legal_name: string;
  status: string;
  revenue: number | string | null;
  talent: number | string;
  assessed_on: string;
  [score: `s${number}`]: number | string | null;
}

/** Columns filled row by row, sized for at most `capacity` organizations. */
export function columnBuilder(dimensionIds: string[], capacity: number) {
  const d = dimensionIds.length;
  const ids: string[] = [];
  const names: string[] = [];
  const statuses: string[] = [];
  const assessedOn: string[] = [];
  const scores = new Float64Array(capacity * d);
  const talent = new Float64Array(capacity);
  const revenue = new Float64Array(capacity);
  return {
    /** Adds a row with every dimension scored; an incomplete assessment is left out like none. */
    addRow(row: AssessedRow) {
      const at = ids.length;
      for (let k = 0; k < d; k++) {
        const score = row[`s${k}`];
        if (score === null || score === undefined) return;
        scores[at * d + k] = Number(score);
      }
      ids.push(row.organization_id);
      names.push(row.legal_name);
      statuses.push(row.status);
      assessedOn.push(row.assessed_on);
      talent[at] = Number(row.talent);
      revenue[at] = row.revenue === null ? Number.NaN : Number(row.revenue);
    },
    /** Adds organization `i` of columns read before, as they were. */
    addKept(from: SectorColumns, i: number) {
      const at = ids.length;
      scores.set(from.assessments.scores.subarray(i * d, (i + 1) * d), at * d);
      ids.push(from.ids[i] as string);
      names.push(from.names[i] as string);
      statuses.push(from.statuses[i] as string);
      assessedOn.push(from.assessedOn[i] as string);
      talent[at] = from.assessments.talent[i] as number;
      revenue[at] = from.assessments.revenue[i] as number;
    },
    columns(total: number): SectorColumns {
      const count = ids.length;
      const assessments: SectorAssessments = {
        count,
        scores: scores.slice(0, count * d),
        talent: talent.slice(0, count),
        revenue: revenue.slice(0, count),
      };
      return {
        dimensionIds,
        ids,
        names,
        statuses,
        assessedOn,
        assessments,
        percentiles: revenuePercentiles(assessments),
        unassessed: total - count,
      };
    },
  };
}

export const dimensionsOf = async (db: SqlSession) =>
  (await db.rows<{ dimension_id: string }>(sql.dimensions)).map((d) => d.dimension_id);

export const organizationsIn = async (db: SqlSession, sectorId: string) =>
  Number((await db.row<{ n: number }>(sql.organizations, [sectorId]))?.n ?? 0);

/**
 * Reads a sector's assessments (one snapshot: run inside the engine's read). An organization missing
 * a dimension's score has no complete assessment: it is left out, like one never assessed.
 */
export async function loadSectorColumns(db: SqlSession, sectorId: string): Promise<SectorColumns> {
  const dimensionIds = await dimensionsOf(db);
  const rows = await db.rows<AssessedRow>(sql.sector(dimensionIds.length), [sectorId, ...dimensionIds]);
  const built = columnBuilder(dimensionIds, rows.length);
  for (const row of rows) built.addRow(row);
  return built.columns(await organizationsIn(db, sectorId));
}

/** Where `id` is in the sorted ids, or -1. */
function indexOf(ids: readonly string[], id: string): number {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = ids[middle] as string;
    if (at === id) return middle;
    if (at < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The columns with the edited organizations' new values where each of them was assessed in the sector
 * and still is (an analyst's edit of a score, a revenue, a name): the same rows in the same order, so
 * the arrays are copied and overwritten rather than rebuilt. Null where an organization joins or
 * leaves.
 */
function changedInPlace(
  before: SectorColumns,
  now: AssessedRow[],
  changed: Set<string>,
): SectorColumns | null {
  const d = before.dimensionIds.length;
  const at = now.map((row) => indexOf(before.ids, row.organization_id));
  const complete = (row: AssessedRow) => before.dimensionIds.every((_, k) => row[`s${k}`] != null);
  if (now.length !== changed.size || at.some((i) => i < 0) || !now.every(complete)) return null;
  const names = before.names.slice();
  const statuses = before.statuses.slice();
  const assessedOn = before.assessedOn.slice();
  const assessments: SectorAssessments = {
    count: before.assessments.count,
    scores: before.assessments.scores.slice(),
    talent: before.assessments.talent.slice(),
    revenue: before.assessments.revenue.slice(),
  };
  let revenueMoved = false;
  now.forEach((row, j) => {
    const i = at[j] as number;
    names[i] = row.legal_name;
    statuses[i] = row.status;
    assessedOn[i] = row.assessed_on;
    for (let k = 0; k < d; k++) assessments.scores[i * d + k] = Number(row[`s${k}`]);
    assessments.talent[i] = Number(row.talent);
    const revenue = row.revenue === null ? Number.NaN : Number(row.revenue);
    if (!Object.is(revenue, assessments.revenue[i])) revenueMoved = true;
    assessments.revenue[i] = revenue;
  });
  return {
    ...before,
    names,
    statuses,
    assessedOn,
    assessments,
    percentiles: revenueMoved ? revenuePercentiles(assessments) : before.percentiles,
  };
}

/**
 * The sector's columns after some organizations were edited (added, changed, moved to or from the
 * sector, deleted): only those are read again, and merged into the columns read before in the same
 * order a full read gives (`before` itself when none of them is or was in the sector). Run in the
 * snapshot that holds the edits; `before` must have been current just before them.
 */
export async function followEdits(
  db: SqlSession,
  before: SectorColumns,
  sectorId: string,
  edited: readonly string[],
): Promise<SectorColumns> {
  const dimensionIds = await dimensionsOf(db);
  const sameDimensions =
    dimensionIds.length === before.dimensionIds.length &&
    dimensionIds.every((id, k) => id === before.dimensionIds[k]);
  if (!sameDimensions || edited.length > FOLLOWED_EDITS) return loadSectorColumns(db, sectorId);
  const changed = new Set(edited);
  const now: AssessedRow[] = [];
  for (const id of changed) {
    const row = await db.row<AssessedRow>(sql.organization(dimensionIds.length), [id, ...dimensionIds]);
    if (row !== undefined && row.focus_group_id === sectorId) now.push(row);
  }
  const inPlace = changedInPlace(before, now, changed);
  if (inPlace !== null) return inPlace;
  const total = await organizationsIn(db, sectorId);
  if (now.length === 0 && !before.ids.some((id) => changed.has(id))) {
    return total === before.ids.length + before.unassessed
      ? before
      : { ...before, unassessed: total - before.ids.length };
  }
  now.sort((a, b) => (a.organization_id < b.organization_id ? -1 : 1));
  const built = columnBuilder(dimensionIds, before.ids.length + now.length);
  let next = 0;
  before.ids.forEach((id, i) => {
    while (next < now.length && (now[next] as AssessedRow).organization_id < id) {
      built.addRow(now[next++] as AssessedRow);
    }
    if (!changed.has(id)) built.addKept(before, i);
  });
  while (next < now.length) built.addRow(now[next++] as AssessedRow);
  return built.columns(total);
}
