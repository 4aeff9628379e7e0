import type { ColumnKind } from '../../shared/org-query';
import { loadReference } from './reference';

/**
 * The unified view's assessment and score columns (migrations: SQLite 12, PostgreSQL 10): each
 * dimension's score named by its code, TC and the day assessed, and the materialized scores, which
 * count only while their sector is fresh (score_freshness), so that a stale score is never read.
 * The same SQL on both engines; `d` is the table a column is read from.
 */
export interface AssessmentColumn {
  name: string;
  kind: ColumnKind;
  /** Decimals shown (and stored, for the assessment's own columns). */
  scale: number | null;
  /** The value of the organizations row named `org` (its table or alias), NULL when it has none. */
  valueOf(org: string): string;
  /** The ids of organizations whose value meets `condition` (over `value`). */
  idsWhere(condition: string): string;
  /** The column's value within idsWhere, as text for a contains-filter. */
  text: string;
  value: string;
}

/** Scores are read through their sector's freshness: a stale sector's rows count as absent. */
const freshScores =
  'organization_scores AS d JOIN score_freshness AS f ON f.focus_group_id = d.focus_group_id AND NOT f.stale';

/** The materialized scores, in the order the view lists them. */
export const scoreColumns = ['vr', 'hr', 'synergy', 'org_air'] as const;

function column(
  name: string,
  kind: ColumnKind,
  scale: number | null,
  from: string,
  value: string,
  only = '',
  bySector = false,
): AssessmentColumn {
  const and = only ? ` AND ${only}` : '';
  // The scores are keyed by sector first on SQLite (migration 13): the sector makes the look-up a seek.
  const sector = (org: string) => (bySector ? ` AND d.focus_group_id = ${org}.focus_group_id` : '');
  return {
    name,
    kind,
    scale,
    value,
    text: `CAST(${value} AS TEXT)`,
    valueOf: (org) =>
      `(SELECT ${value} FROM ${from} WHERE d.organization_id = ${org}.organization_id${sector(org)}${and})`,
    idsWhere: (condition) => `SELECT d.organization_id FROM ${from} WHERE ${condition}${and}`,
  };
}

let columns: AssessmentColumn[] | undefined;

/** The columns in the view's order; dimension ids are the reference's own (checked to be plain). */
export function assessmentColumns(): AssessmentColumn[] {
  if (columns) return columns;
  const dimensions = [...loadReference().dimensions].sort((a, b) => a.display_order - b.display_order);
  columns = [
    ...dimensions.map((dim) => {
      if (!/^[a-z0-9_]+$/.test(dim.dimension_id) || !/^[a-z][a-z0-9_]*$/.test(dim.dimension_code)) {
        throw new Error(`Dimension ${dim.dimension_id} cannot name a column`);
      }
      return column(
        dim.dimension_code,
        'decimal',
        2,
        'organization_dimension_scores AS d',
        'd.score',
        `d.dimension_id = '${dim.dimension_id}'`,
      );
    }),
    column('talent_concentration', 'decimal', 4, 'organization_assessments AS d', 'd.talent_concentration'),
    column('assessed_on', 'text', null, 'organization_assessments AS d', 'd.assessed_on'),
    ...scoreColumns.map((name) => column(name, 'decimal', 2, freshScores, `d.${name}`, '', true)),
  ];
  return columns;
}

export function assessmentColumn(name: string): AssessmentColumn | undefined {
  return assessmentColumns().find((c) => c.name === name);
}
