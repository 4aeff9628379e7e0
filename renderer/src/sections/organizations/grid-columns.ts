import type { Sector } from '../../../../shared/domain';
import { columnLabel } from '../../../../shared/labels';
import type { OrgColumn } from '../../../../shared/org-query';

/** Always first and pinned: it names the row and opens its details. */
export const pinnedColumn = 'legal_name';

/** What an analyst reads first, in this order, right after the name. */
export const keyColumns = [
  'legal_name',
  'sector_name',
  'status',
  'annual_revenue_usd',
  'employee_count',
  'headquarters_country',
  'founding_year',
];

export const keyGroup = 'Key facts';
export const detailGroup = 'Identifiers & details';
export const scoreGroup = 'Org-AI-R';

/** The band's scores first, as an analyst ranks by them; the assessment's own columns after. */
const scoreOrder = ['org_air', 'vr', 'hr', 'synergy'];

/**
 * Hidden until asked for in the Columns panel, so that the band fits beside the key facts: the
 * assessment's inputs (the seed's seven dimensions, TC and its day). The scores stay visible.
 */
export const assessmentInputColumns = [
  'data_infrastructure',
  'ai_governance',
  'technology_stack',
  'talent',
  'leadership',
  'use_case_portfolio',
  'culture',
  'talent_concentration',
  'assessed_on',
];

export interface GridColumn extends OrgColumn {
  label: string;
  /** Key facts, the Org-AI-R band, identifiers and details, or the sector whose attribute it is. */
  group: string;
}

/**
 * The grid's columns in their default order: key facts, the Org-AI-R band, then identifiers, then
 * each sector's attributes.
 */
export function gridColumns(columns: OrgColumn[], sectors: Sector[]): GridColumn[] {
  const sectorName = (id: string) => sectors.find((s) => s.focus_group_id === id)?.group_name ?? id;
  const sectorRank = (id: string | null) => {
    const index = sectors.findIndex((s) => s.focus_group_id === id);
    return index < 0 ? sectors.length : index;
  };
  const described = columns.map((column) => ({
    ...column,
    label: columnLabel(column.name),
    group:
      column.focus_group_id !== null
        ? sectorName(column.focus_group_id)
        : column.band === 'org_air'
          ? scoreGroup
          : keyColumns.includes(column.name)
            ? keyGroup
            : detailGroup,
  }));
  const rank = (column: GridColumn) => {
    const key = keyColumns.indexOf(column.name);
    if (key >= 0) return [0, key];
    if (column.band === 'org_air') {
      const score = scoreOrder.indexOf(column.name);
      return [1, score < 0 ? scoreOrder.length : score];
    }
    if (column.focus_group_id === null) return [2, 0];
    return [3 + sectorRank(column.focus_group_id), 0];
  };
  // A stable sort keeps the view's own order within a group.
  return described.sort((a, b) => {
    const [ga, ia] = rank(a);
    const [gb, ib] = rank(b);
    return (ga ?? 0) - (gb ?? 0) || (ia ?? 0) - (ib ?? 0);
  });
}

/** The groups in column order, with their columns. */
export function columnGroups(columns: GridColumn[]): { group: string; columns: GridColumn[] }[] {
  const groups: { group: string; columns: GridColumn[] }[] = [];
  for (const column of columns) {
    const last = groups.at(-1);
    if (last?.group === column.group) last.columns.push(column);
    else groups.push({ group: column.group, columns: [column] });
  }
  return groups;
}

/**
 * A starting width that fits what the column usually holds, and its header. In a narrow window the
 * key facts are compact (a longer header ends in an ellipsis and shows whole in its tooltip), so that
 * at 1024×768 the name and the next five fit beside the sidebar.
 */
export function defaultWidth(column: Pick<GridColumn, 'name' | 'kind' | 'label'>, narrow = false): number {
  const key = keyWidths[column.name];
  if (key !== undefined && narrow) {
    return Math.max(key, Math.min(120, Math.round(column.label.length * 6.5 + 36)));
  }
  return Math.max(key ?? kindWidth(column), Math.min(260, column.label.length * 8 + 64));
}

/** The key facts after the name: their values are short (money shows its magnitude, $137.86 B). */
const keyWidths: Record<string, number> = {
  legal_name: 180,
  sector_name: 130,
  status: 90,
  annual_revenue_usd: 100,
  employee_count: 100,
  headquarters_country: 90,
  founding_year: 100,
};

function kindWidth(column: Pick<OrgColumn, 'name' | 'kind'>): number {
  if (column.name === 'organization_id') return 300;
  if (column.kind === 'array') return 220;
  if (column.kind === 'boolean') return 120;
  if (column.kind === 'integer' || column.kind === 'decimal') return 150;
  if (/url|name/.test(column.name)) return 220;
  return 160;
}

export const minWidth = 64;
export const maxWidth = 640;

export function clampWidth(width: number): number {
  return Math.round(Math.min(maxWidth, Math.max(minWidth, width)));
}
