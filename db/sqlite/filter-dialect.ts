import type { OrgFilter } from '../../shared/org-query';
import { filters } from '../core/cursor';
import { knownColumn, type FilterDialect } from '../core/org-filters';

export const sqliteDialect: FilterDialect = {
  equals: (column, param) => `${column} = ${param}`,
  like: (expr, param) => `${expr} LIKE ${param} ESCAPE '\\'`,
  number: (param) => param,
  boolean: (param) => param,
  has: (expr, param) => `EXISTS (SELECT 1 FROM json_each(${expr}) WHERE value = ${param})`,
  text: (expr) => expr,
};

/** The expression a sort by `name` orders `organizations` rows by (its blanks are put last apart). */
export function sortExpression(name: string): string {
  const column = knownColumn(name);
  const { place } = column;
  if (place.where === 'organizations') return `organizations.${column.name}`;
  if (place.where === 'sector') {
    return `(SELECT ${place.column} FROM focus_groups AS fg WHERE fg.focus_group_id = organizations.focus_group_id)`;
  }
  if (place.where === 'assessment') return place.column.valueOf('organizations');
  return `(SELECT a.${column.name} FROM ${place.table} AS a WHERE a.organization_id = organizations.organization_id)`;
}

/** The WHERE conditions and bound parameters of a filter, in SQLite's dialect. */
export function sqliteFilters(filter: OrgFilter) {
  return filters(filter, sqliteDialect);
}
