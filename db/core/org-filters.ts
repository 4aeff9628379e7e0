import { AppError } from '../../shared/errors';
import {
  filterOpOf,
  isIndexedSort,
  type ColumnFilter,
  type ColumnKind,
  type OrgColumn,
} from '../../shared/org-query';
import { assessmentColumns, type AssessmentColumn } from './assessment-columns';
import { attributeTables, scaleOf } from './columns';
import { loadReference } from './reference';

/**
 * Per-column filters of the unified view, as SQL over `organizations` (the table every page query
 * reads): the allow-list of columns comes from the reference schema, values are always bound.
 */

type Place =
  | { where: 'organizations' }
  | { where: 'sector'; column: 'group_name' | 'group_code' }
  | { where: 'attributes'; table: string }
  | { where: 'assessment'; column: AssessmentColumn };

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
    scale: scaleOf(type),
    focus_group_id: null,
    band: null,
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
      scale: null,
      focus_group_id: null,
      band: null,
      sort: isIndexedSort(name) ? 'index' : 'sorted-once',
      place: { where: 'sector', column },
    });
  }
  for (const table of attributeTables()) {
    for (const column of table.columns) {
      known.push({
        name: column.name,
        kind: column.kind,
        scale: column.scale,
        focus_group_id: table.sectorId,
        band: null,
        sort: 'sorted-once',
        place: { where: 'attributes', table: table.table },
      });
    }
  }
  for (const column of assessmentColumns()) {
    known.push({
      name: column.name,
      kind: column.kind,
      scale: column.scale,
      focus_group_id: null,
      band: 'org_air',
      sort: 'sorted-once',
      place: { where: 'assessment', column },
    });
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

/**
 * Where the two engines' SQL differs in a filter; everything else is shared. Parameters are named
 * (@name) on both: PostgreSQL's statements are renumbered to $1, $2, ... when they run.
 */
export interface FilterDialect {
  /** `column` of organizations equals the bound value, compared as its index compares it. */
  equals(column: string, param: string): string;
  /** `expr` contains the bound pattern, ignoring the case of ASCII letters (SQLite's LIKE). */
  like(expr: string, param: string): string;
  /** A number bound for comparison with a column. */
  number(param: string): string;
  /** A boolean bound as 1 or 0. */
  boolean(param: string): string;
  /** The array column `expr` holds the bound item. */
  has(expr: string, param: string): string;
  /** The column of organizations as the text a contains-filter searches. */
  text(expr: string, column: string): string;
}

/** The condition on a column value `expr` (already qualified) for one filter. */
function condition(
  expr: string,
  filter: ColumnFilter,
  name: string,
  params: Record<string, Bound>,
  dialect: FilterDialect,
): string {
  switch (filter.op) {
    case 'contains':
      params[name] = `%${escapeLike(filter.text)}%`;
      return dialect.like(expr, `@${name}`);
    case 'range': {
      const parts: string[] = [];
      if (filter.min != null) {
        params[`${name}_min`] = filter.min;
        parts.push(`${expr} >= ${dialect.number(`@${name}_min`)}`);
      }
      if (filter.max != null) {
        params[`${name}_max`] = filter.max;
        parts.push(`${expr} <= ${dialect.number(`@${name}_max`)}`);
      }
      return parts.join(' AND ');
    }
    case 'is':
      params[name] = filter.value ? 1 : 0;
      return `${expr} = ${dialect.boolean(`@${name}`)}`;
    case 'has':
      params[name] = filter.item;
      return dialect.has(expr, `@${name}`);
  }
}

/**
 * The WHERE conditions (over the table `organizations`, qualified so that a join cannot make them
 * ambiguous) and their bound parameters for a list of column filters. A filter whose op does not
 * fit its column's kind is refused with a one-line error.
 */
export function columnFilterSql(
  filters: readonly ColumnFilter[] | undefined,
  dialect: FilterDialect,
): {
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
      const expr = `organizations.${column.name}`;
      const value = filter.op === 'contains' ? dialect.text(expr, column.name) : expr;
      where.push(`(${condition(value, filter, name, params, dialect)})`);
    } else if (place.where === 'sector') {
      where.push(
        `organizations.focus_group_id IN (SELECT focus_group_id FROM focus_groups WHERE ${condition(place.column, filter, name, params, dialect)})`,
      );
    } else if (place.where === 'assessment') {
      const value = filter.op === 'contains' ? place.column.text : place.column.value;
      where.push(
        `organizations.organization_id IN (${place.column.idsWhere(condition(value, filter, name, params, dialect))})`,
      );
    } else {
      where.push(
        `organizations.organization_id IN (SELECT organization_id FROM ${place.table} WHERE ${condition(column.name, filter, name, params, dialect)})`,
      );
    }
  });
  return { where, params };
}
