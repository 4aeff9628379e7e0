import { z } from 'zod';
import { columnName, orgFilter } from './org-query';

/**
 * Facet counts as Datasette has them: for a column with few values (the sector, the status, a yes/no
 * attribute), how many organizations of the current filter hold each value. Each facet counts under
 * the filter less its own column's condition, so that the menu of a filtered column still offers the
 * other values with their counts.
 */

/** The most matching rows one facet reads when the counts table cannot answer it. */
export const FACET_ROW_BUDGET = 250_000;

export const orgFacetsRequest = orgFilter
  .extend({
    /** The facets wanted: `focus_group_id`, `status` or a yes/no column. */
    columns: z.array(columnName).min(1).max(60),
    /** At most this many matching rows are read per facet (the budget unless told). */
    budget: z.number().int().min(1).max(FACET_ROW_BUDGET).optional(),
  })
  .strict();
export type OrgFacetsRequest = z.output<typeof orgFacetsRequest>;

export interface FacetValue {
  /** A sector's id, a status, or true/false. */
  value: string | boolean;
  count: number;
}

export interface OrgFacet {
  column: string;
  /** Values held by at least one matching organization, most frequent first (blanks are not a value). */
  values: FacetValue[];
  /**
   * `counts`: summed from organization_counts, exact. `rows`: counted over the matching rows; when
   * `complete` is false the budget ran out and each count is a lower bound ("≥ n").
   */
  source: 'counts' | 'rows';
  complete: boolean;
}

export interface OrgFacets {
  facets: OrgFacet[];
  /** The row budget each `rows` facet had. */
  budget: number;
}
