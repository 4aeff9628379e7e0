import { z } from 'zod';
import { text } from './text';

/**
 * Which organizations, in which order: the one set of query types that the contract, the
 * repositories, the export and the grid share.
 */

export const focusGroupId = z
  .string()
  .min(1)
  .max(50)
  .regex(/^pe_[a-z0-9_]+$/, 'a focus group id looks like pe_manufacturing');

export const orgSortColumns = [
  'legal_name',
  'annual_revenue_usd',
  'employee_count',
  'founding_year',
  'headquarters_country',
  'status',
  'sector_name',
] as const;
export type OrgSortColumn = (typeof orgSortColumns)[number];
export const orgStatuses = ['active', 'inactive', 'archived'] as const;
export type OrgStatus = (typeof orgStatuses)[number];

/** Which organizations: every filter optional, combined with AND. */
export const orgFilter = z
  .object({
    focus_group_id: focusGroupId.nullable().optional(),
    status: z.enum(orgStatuses).nullable().optional(),
    search: text(200).nullable().optional(),
  })
  .strict();
export type OrgFilter = z.output<typeof orgFilter>;

/** Which organizations in which order: what an export writes and what a page walks. */
export const orgSelection = orgFilter
  .extend({
    sort: z.enum(orgSortColumns).default('legal_name'),
    dir: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export type OrgSelection = z.output<typeof orgSelection>;

/**
 * A page of vw_organizations_full. Paging is by key: pass the previous page's next_cursor as
 * `after` (or prev_cursor as `before`). `offset` exists for the CLI and small tables.
 */
export const orgQuery = orgSelection
  .extend({
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).optional(),
    after: z.string().max(2000).nullable().optional(),
    before: z.string().max(2000).nullable().optional(),
  })
  .strict();
export type OrgQuery = z.output<typeof orgQuery>;

/** The file name an export of this selection is offered under (save dialog, browser download). */
export function exportFileName(selection: Pick<OrgFilter, 'focus_group_id'>, extension = 'csv'): string {
  return `organizations-${selection.focus_group_id?.replace(/^pe_/, '') ?? 'all'}.${extension}`;
}
