import { AppError } from '../../shared/errors';
import {
  FACET_ROW_BUDGET,
  type FacetValue,
  type OrgFacet,
  type OrgFacetsRequest,
} from '../../shared/org-facets';
import type { OrgFilter } from '../../shared/org-query';
import { filters, type KeyValue } from './cursor';
import { knownColumn, type FilterDialect } from './org-filters';

/** One facet's statement (rows of value and count), or null when no organization can hold a value. */
export interface FacetQuery {
  column: string;
  source: OrgFacet['source'];
  sql: string | null;
  params: Record<string, KeyValue>;
}

/** The filter less the facet column's own condition, as Datasette counts a facet. */
function without(filter: OrgFilter, column: string): OrgFilter {
  if (column === 'focus_group_id') return { ...filter, focus_group_id: null };
  if (column === 'status') return { ...filter, status: null };
  return { ...filter, where: (filter.where ?? []).filter((f) => f.column !== column) };
}

const whereClause = (where: string[]) => (where.length ? ` WHERE ${where.join(' AND ')}` : '');

/**
 * The statements of a facets request. Sector and status facets under no other filter than sector and
 * status are sums over organization_counts (a few dozen rows); otherwise a facet counts the matching
 * rows, at most `budget` + 1 of them, so that a facet of a million rows stays bounded and says it was
 * cut short. Identifiers come from the column catalog; values are bound.
 */
export function facetQueries(request: OrgFacetsRequest, dialect: FilterDialect): FacetQuery[] {
  const limit = (request.budget ?? FACET_ROW_BUDGET) + 1;
  return [...new Set(request.columns)].map((column): FacetQuery => {
    const known = knownColumn(column);
    const rest = without(request, column);
    if (column === 'focus_group_id' || column === 'status') {
      const { where, params } = filters(rest, dialect);
      if (!rest.search && (rest.where ?? []).length === 0) {
        const sql = `SELECT ${column}, sum(organizations) FROM organization_counts${whereClause(where)} GROUP BY ${column}`;
        return { column, source: 'counts', sql, params };
      }
      const sql = `SELECT value, count(*) FROM (SELECT organizations.${column} AS value FROM organizations${whereClause(where)} LIMIT @facet_limit) AS cut GROUP BY value`;
      return { column, source: 'rows', sql, params: { ...params, facet_limit: limit } };
    }
    if (known.kind !== 'boolean' || known.place.where !== 'attributes') {
      throw new AppError(
        'INVALID_INPUT',
        `Column ${column} has no facet: only the sector, the status and yes/no columns have one`,
      );
    }
    if (rest.focus_group_id && rest.focus_group_id !== known.focus_group_id) {
      return { column, source: 'rows', sql: null, params: {} };
    }
    // An attribute table holds rows of its own sector's organizations only: without other conditions
    // the table alone answers. With them, its sector is stated, so that the organizations are found
    // through a sector index (three times faster at a million than through the status index alone).
    const others = { ...rest, focus_group_id: null };
    const joined = filters(others, dialect).where.length > 0;
    const { where, params } = filters(
      joined ? { ...others, focus_group_id: known.focus_group_id } : others,
      dialect,
    );
    const table = known.place.table;
    const from = joined
      ? `${table} AS a JOIN organizations ON organizations.organization_id = a.organization_id`
      : `${table} AS a`;
    const sql = `SELECT value, count(*) FROM (SELECT a.${column} AS value FROM ${from}${whereClause([
      ...where,
      `a.${column} IS NOT NULL`,
    ])} LIMIT @facet_limit) AS cut GROUP BY value`;
    return { column, source: 'rows', sql, params: { ...params, facet_limit: limit } };
  });
}

/** A facet from its statement's rows (SQLite answers booleans as 1 or 0, PostgreSQL counts as text). */
export function facetOf(query: FacetQuery, rows: unknown[][], budget: number): OrgFacet {
  const values: FacetValue[] = [];
  let read = 0;
  for (const [value, n] of rows) {
    const count = Number(n);
    read += count;
    if (count > 0 && value !== null) {
      values.push({ value: typeof value === 'number' ? value === 1 : (value as string | boolean), count });
    }
  }
  values.sort((a, b) => b.count - a.count || (String(a.value) < String(b.value) ? -1 : 1));
  return {
    column: query.column,
    values,
    source: query.source,
    complete: query.source === 'counts' || read <= budget,
  };
}
