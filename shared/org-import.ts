import { z } from 'zod';
import type { OrgRow } from './domain';
import { columnName } from './org-query';

/** Importing organizations from CSV or Excel: the contract's inputs and what each step answers. */

/**
 * The largest file an import reads (it is held in memory while it is checked and written): the
 * app's own CSV export of about 450,000 organizations. A larger file is refused in one sentence.
 */
export const MAX_IMPORT_BYTES = 200_000_000;

export const importFormats = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** What happens to a row whose organization_id is already in the database. */
export const existingChoices = ['update', 'skip', 'fail'] as const;
export type ExistingChoice = (typeof existingChoices)[number];

/** The file the backend holds for the next steps (read once: dialog, upload or the CLI's path). */
export interface ImportSource {
  import_id: string;
  /** The file's name (and, from the desktop app and the CLI, where it is). */
  name: string;
  path: string | null;
  format: ImportFormat;
  bytes: number;
  /** The workbook's sheets (empty for a CSV), and the one read. */
  sheets: string[];
  sheet: string | null;
  headers: string[];
  /** For each header, the column it matches (by name, the view's name or the grid's label), or null. */
  mapping: (string | null)[];
}

export const importId = z.string().regex(/^[0-9a-f]{32}$/, 'an import id');

export const importOptions = z
  .object({
    import_id: importId,
    /** A sheet of the workbook; the first when left out. */
    sheet: z.string().max(200).nullable().optional(),
    /** For each header of the file, the column it fills, or null to leave it out. */
    mapping: z.array(columnName.nullable()).max(1000),
    existing: z.enum(existingChoices).default('fail'),
    /** Import the valid rows and keep the rejected ones aside; by default nothing unless every row is valid. */
    valid_rows: z.boolean().default(false),
  })
  .strict();
export type ImportOptions = z.output<typeof importOptions>;

/** One problem of one row: the row as the file numbers it (the header is row 1). */
export interface ImportProblem {
  row: number;
  column: string;
  reason: string;
}

export interface ImportPreview {
  /** Data rows read (blank lines aside). */
  rows: number;
  valid: number;
  /** Rows with at least one problem. */
  invalid: number;
  inserts: number;
  updates: number;
  skips: number;
  /** The first problems (up to 1,000), in row order; `problem_count` counts them all. */
  problems: ImportProblem[];
  problem_count: number;
  /** The first valid rows as they will be stored. */
  sample: OrgRow[];
  /** The file's sheets (after reading), for choosing another. */
  sheets: string[];
}

export interface ImportSummary {
  /** False when nothing was written: refused (invalid rows and not `valid_rows`), cancelled or a dry run. */
  applied: boolean;
  cancelled: boolean;
  inserted: number;
  updated: number;
  skipped: number;
  rejected: number;
  /** Where the rejected rows were written with their reasons (a path, or a download's name). */
  rejected_file: string | null;
  duration_ms: number;
  message: string;
}
