import { z } from 'zod';
import type { OrgRow } from './domain';
import { text } from './text';

/**
 * Which organizations, in which order: the one set of query types that the contract, the
 * repositories, the export and the grid share.
 */

export const sectorId = z
  .string()
  .min(1)
  .max(50)
  .regex(/^pe_[a-z0-9_]+$/, 'a focus group id looks like pe_manufacturing');

/** A column of vw_organizations_full by name; the backend checks it against the view's columns. */
export const columnName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'a column name looks like annual_revenue_usd');

/** Sorts served by an index (migration 002): a page is a seek from the previous page's key. */
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

export function isIndexedSort(column: string): column is OrgSortColumn {
  return (orgSortColumns as readonly string[]).includes(column);
}

export const orgStatuses = ['active', 'inactive', 'archived'] as const;
export type OrgStatus = (typeof orgStatuses)[number];

const filterText = text(200).trim().min(1);

/**
 * One column's filter, by the column's kind: text contains (case-insensitive), a numeric range (either
 * bound may be left open), a boolean, or an array that contains an item.
 */
export const columnFilter = z.discriminatedUnion('op', [
  z.object({ column: columnName, op: z.literal('contains'), text: filterText }).strict(),
  z
    .object({
      column: columnName,
      op: z.literal('range'),
      min: z.number().finite().nullable().optional(),
      max: z.number().finite().nullable().optional(),
    })
    .strict()
    .refine((f) => f.min != null || f.max != null, 'a range needs a minimum or a maximum')
    .refine((f) => f.min == null || f.max == null || f.min <= f.max, 'the minimum is above the maximum'),
  z.object({ column: columnName, op: z.literal('is'), value: z.boolean() }).strict(),
  z.object({ column: columnName, op: z.literal('has'), item: filterText }).strict(),
]);
export type ColumnFilter = z.output<typeof columnFilter>;
export type FilterOp = ColumnFilter['op'];

/** Which organizations: every filter optional, combined with AND. */
export const orgFilter = z
  .object({
    focus_group_id: sectorId.nullable().optional(),
    status: z.enum(orgStatuses).nullable().optional(),
    search: text(200).nullable().optional(),
    where: z.array(columnFilter).max(30).optional(),
  })
  .strict();
export type OrgFilter = z.output<typeof orgFilter>;

/** Which organizations in which order: what an export writes and what the grid scrolls through. */
export const orgSelection = orgFilter
  .extend({
    sort: columnName.default('legal_name'),
    dir: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export type OrgSelection = z.output<typeof orgSelection>;

/**
 * The view's columns a row request reads (every one when omitted): the grid names the ones on its
 * screen, so that a page reads and decodes ten values a row rather than a hundred. The backend checks
 * each name against the view's columns and always adds the ones a row needs (db/core/row-columns.ts).
 */
export const rowColumns = z.array(columnName).min(1).max(200).optional();

/**
 * A page of vw_organizations_full in an indexed order. Paging is by key: pass the previous page's
 * next_cursor as `after` (or prev_cursor as `before`). `offset` exists for the CLI and small tables.
 */
export const orgQuery = orgSelection
  .extend({
    sort: z.enum(orgSortColumns).default('legal_name'),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).optional(),
    after: z.string().max(2000).nullable().optional(),
    before: z.string().max(2000).nullable().optional(),
    columns: rowColumns,
  })
  .strict();
export type OrgQuery = z.output<typeof orgQuery>;

/** Rows by position within a selection, in any sort: what the grid reads as it scrolls. */
export const orgWindow = orgSelection
  .extend({
    start: z.number().int().min(0).max(1e9),
    count: z.number().int().min(1).max(500),
    columns: rowColumns,
  })
  .strict();
export type OrgWindow = z.output<typeof orgWindow>;

export interface OrgRows {
  /** Position of the first row within the selection. */
  start: number;
  /** Each row with the columns asked for (and those always read), or every column. */
  rows: OrgRow[];
  /** Rows matching the filter. */
  total: number;
}

export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** What an export writes: a selection, in a format, with the chosen columns (all when omitted). */
export const orgExport = orgSelection
  .extend({
    format: z.enum(exportFormats).default('csv'),
    columns: rowColumns,
    /** The first row to write, by position in the selection's order (a selected range); 0 unless told. */
    start: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** At most this many rows (the first N, or a selected range); every row unless told. */
    limit: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Headers as the screen labels them and booleans as Yes/No, rather than names and true/false. */
    labels: z.boolean().optional(),
  })
  .strict();
export type OrgExport = z.output<typeof orgExport>;
/** An export as the backend takes it: CSV of every row and column unless told otherwise. */
export type ExportRequest = OrgSelection &
  Partial<Pick<OrgExport, 'format' | 'columns' | 'start' | 'limit' | 'labels'>>;

export type ColumnKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'array';

/** A column of the unified view as the grid needs to know it. */
export interface OrgColumn {
  name: string;
  kind: ColumnKind;
  /** Decimals a DECIMAL column keeps (the s of DECIMAL(p, s)); null for other kinds. */
  scale: number | null;
  /** The sector whose attribute table holds it; null for the organization's own columns. */
  focus_group_id: string | null;
  /** `org_air` for an organization's assessment and Org-AI-R scores, which the grid shows as one band. */
  band: 'org_air' | null;
  /**
   * How a sort by it runs: `index` seeks an index, `sorted-once` sorts the matching rows once per
   * filter into a temporary table (seconds at a million rows) and then reads by position.
   */
  sort: 'index' | 'sorted-once';
}

/** The filter op a column of this kind takes. */
export function filterOpOf(kind: ColumnKind): FilterOp {
  switch (kind) {
    case 'text':
      return 'contains';
    case 'integer':
    case 'decimal':
      return 'range';
    case 'boolean':
      return 'is';
    case 'array':
      return 'has';
  }
}

/** The file name an export of this selection is offered under (save dialog, browser download). */
export function exportFileName(selection: Pick<OrgFilter, 'focus_group_id'>, extension = 'csv'): string {
  return `organizations-${selection.focus_group_id?.replace(/^pe_/, '') ?? 'all'}.${extension}`;
}
