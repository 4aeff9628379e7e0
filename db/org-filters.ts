import { AppError } from '../shared/errors';
import {
  filterOpOf,
  isIndexedSort,
  type ColumnFilter,
  type ColumnKind,
  type OrgColumn,
} from '../shared/org-query';
import { attributeTables } from './columns';
import { loadReference } from './reference';

/**
 * Per-column filters of the unified view, as SQL over `organizations` (the table every page query
 * reads): the allow-list of columns comes from the reference schema, values are always bound.
 */

type Place =
  | { where: 'organizations' }
  | { where: 'sector'; column: 'group_name' | 'group_code' }
  | { where: 'attributes'; table: string };

interface Known extends OrgColumn {
  place: Place;
}

function coreKind(type: string): ColumnKind {
  const t = type.toLowerCase();
  if (t.startsWith('integer')) return 'integer';
  if (t.startsWith('decimal')) return 'decimal';
  return 'text';
}

let catalog: Map<string, Known> | undefined;

/** Every column of the view that can be sorted and filtered, keyed by name. */
export function columnCatalog(): Map<string, Known> {
  if (catalog) return catalog;
  const known: Known[] = loadReference().organization_columns.map(([name, type]) => ({
    name,
    kind: coreKind(type),
    focus_group_id: null,
    sort: isIndexedSort(name) ? 'index' : 'sorted-once',
    place: { where: 'organizations' },
  }));
  for (const [name, column] of [
    ['sector_name', 'group_name'],
    ['sector_code', 'group_code'],
  ] as const) {
    known.push({
      name,
      kind: 'text',
      focus_group_id: null,
      sort: isIndexedSort(name) ? 'index' : 'sorted-once',
      place: { where: 'sector', column },
    });
  }
  for (const table of attributeTables()) {
    for (const column of table.columns) {
      known.push({
        name: column.name,
        kind: column.kind,
        focus_group_id: table.focusGroupId,
        sort: 'sorted-once',
        place: { where: 'attributes', table: table.table },
      });
    }
  }
  catalog = new Map(known.map((column) => [column.name, column]));
  return catalog;
}

export function knownColumn(name: string): Known {
  const column = columnCatalog().get(name);
  if (!column) throw new AppError('INVALID_INPUT', `Unknown column: ${name}`);
  return column;
}

/** The grid's view of the catalog, in the view's column order. */
export function describeColumns(viewColumns: string[]): OrgColumn[] {
  return viewColumns.flatMap((name) => {
    const column = columnCatalog().get(name);
    if (!column) return [];
    const { place: _place, ...described } = column;
    return [described];
  });
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type Bound = string | number;

/** The condition on a column value `expr` (already qualified) for one filter. */
function condition(expr: string, filter: ColumnFilter, name: string, params: Record<string, Bound>): string {
  switch (filter.op) {
    case 'contains':
      params[name] = `%${escapeLike(filter.text)}%`;
      return `${expr} LIKE @${name} ESCAPE '\\'`;
    case 'range': {
      const parts: string[] = [];
      if (filter.min != null) {
        params[`${name}_min`] = filter.min;
        parts.push(`${expr} >= @${name}_min`);
      }
      if (filter.max != null) {
        params[`${name}_max`] = filter.max;
        parts.push(`${expr} <= @${name}_max`);
      }
      return parts.join(' AND ');
    }
    case 'is':
      params[name] = filter.value ? 1 : 0;
      return `${expr} = @${name}`;
    case 'has':
      params[name] = filter.item;
      return `EXISTS (SELECT 1 FROM json_each(${expr}) WHERE value = @${name})`;
  }
}

/**
 * The WHERE conditions (over the table `organizations`, qualified so that a join cannot make them
 * ambiguous) and their bound parameters for a list of column filters. A filter whose op does not
 * fit its column's kind is refused with a one-line error.
 */
export function columnFilterSql(filters: readonly ColumnFilter[] | undefined): {
  where: string[];
  params: Record<string, Bound>;
} {
  const where: string[] = [];
  const params: Record<string, Bound> = {};
  (filters ?? []).forEach((filter, i) => {
    const column = knownColumn(filter.column);
    const expected = filterOpOf(column.kind);
    if (filter.op !== expected) {
      throw new AppError(
        'INVALID_INPUT',
        `Column ${filter.column} holds ${column.kind} values: filter it with "${expected}", not "${filter.op}"`,
      );
    }
    const name = `cf${i}`;
    const { place } = column;
    if (place.where === 'organizations') {
      where.push(`(${condition(`organizations.${column.name}`, filter, name, params)})`);
    } else if (place.where === 'sector') {
      where.push(
        `organizations.focus_group_id IN (SELECT focus_group_id FROM focus_groups WHERE ${condition(place.column, filter, name, params)})`,
      );
    } else {
      where.push(
        `organizations.organization_id IN (SELECT organization_id FROM ${place.table} WHERE ${condition(column.name, filter, name, params)})`,
      );
    }
  });
  return { where, params };
}

/** The expression a sort by `name` orders `organizations` rows by (NULL sorts first ascending). */
export function sortExpression(name: string): string {
  const column = knownColumn(name);
  const { place } = column;
  if (place.where === 'organizations') return `organizations.${column.name}`;
  if (place.where === 'sector') {
    return `(SELECT ${place.column} FROM focus_groups AS fg WHERE fg.focus_group_id = organizations.focus_group_id)`;
  }
  return `(SELECT a.${column.name} FROM ${place.table} AS a WHERE a.organization_id = organizations.organization_id)`;
}
