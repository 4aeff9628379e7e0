import { statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { ImportOptions, ImportPreview } from '../../../shared/org-import';
import type { OrgRow } from '../../../shared/domain';
import { fileBytes, readCells, type CellRow, type OpenBytes } from './cells';
import { checkMapping, suggestMapping } from './mapping';
import { planner, type PlannedRow, type RejectedRow, type SectorRef } from './plan';

/**
 * A file the backend holds for an import, as the engine's import operations take it: where it lies
 * (read as a stream at each pass, never held whole), and its size and time when it was opened.
 */
export interface ImportFile {
  path: string;
  name: string;
  size: number;
  modifiedMs: number;
}

/** The file's bytes, refused if it changed since it was opened: the preview was of what it held then. */
function bytesOf(file: ImportFile): OpenBytes {
  const read = fileBytes(file.path);
  return () => {
    const now = statSync(file.path, { throwIfNoEntry: false });
    if (now === undefined) throw new AppError('NOT_FOUND', `${file.name} is no longer there: open it again`);
    if (now.size !== file.size || now.mtimeMs !== file.modifiedMs)
      throw new AppError('CONFLICT', `${file.name} changed since it was opened: open it again`);
    return read();
  };
}

export interface ImportRequest extends ImportFile {
  options: ImportOptions;
}

/** What an engine gives an import: its sectors, the ids it holds, and one transaction to write in. */
export interface ImportTarget {
  sectors(): Promise<SectorRef[]>;
  lookup(ids: string[]): Promise<Map<string, string>>;
  /**
   * Runs `work` in one transaction, committed when it resolves, rolled back when it throws or returns
   * false; `inserts` is how many new rows the first pass found (an engine may write many differently).
   */
  transaction(inserts: number, work: (tx: ImportTransaction) => Promise<boolean>): Promise<boolean>;
}

export interface ImportTransaction {
  lookup(ids: string[]): Promise<Map<string, string>>;
  write(rows: PlannedRow[]): Promise<void>;
}

export interface ImportHooks {
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

const MAX_PROBLEMS = 1_000;
const SAMPLE_ROWS = 20;

/** The first row of the file (or sheet) as its headers, with the suggested mapping and the sheets. */
export async function openImportFile(file: ImportFile, sheet: string | null = null) {
  const source = await readCells(bytesOf(file), file.name, sheet);
  let headers: string[] | null = null;
  for await (const chunk of source.rows) {
    headers ??= chunk[0]?.cells ?? null;
    // A workbook's other sheets are named as they are read; a CSV has nothing more to tell.
    if (source.format === 'csv') break;
  }
  if (headers === null)
    throw new AppError('INVALID_INPUT', `${file.name} has no header row: nothing to import`);
  return { format: source.format, sheets: source.sheets, headers, mapping: suggestMapping(headers) };
}

interface Pass {
  headers: string[];
  rows: number;
  rejected: RejectedRow[];
  planned: PlannedRow[][];
  sheets: string[];
}

/**
 * One pass over the file: every row read, checked and planned against `lookup`, `each` given each
 * chunk of planned rows. Progress counts bytes for a CSV and rows for a workbook.
 */
export async function pass(
  request: ImportRequest,
  target: { sectors: SectorRef[]; lookup: ImportTarget['lookup'] },
  hooks: ImportHooks,
  each: (rows: PlannedRow[]) => Promise<void>,
): Promise<Pass & { cancelled: boolean }> {
  const { options } = request;
  const source = await readCells(bytesOf(request), request.name, options.sheet ?? null);
  let plan: ReturnType<typeof planner> | null = null;
  let headers: string[] = [];
  const result = { rows: 0, rejected: [] as RejectedRow[], planned: [] as PlannedRow[][] };
  let lastLine = 0;
  for await (const chunk of source.rows) {
    if (hooks.signal.aborted) return { ...result, headers, sheets: source.sheets, cancelled: true };
    let rows: CellRow[] = chunk;
    if (plan === null) {
      headers = chunk[0]?.cells ?? [];
      checkMapping(headers, options.mapping);
      plan = planner({ headers, mapping: options.mapping, existing: options.existing, ...target });
      rows = chunk.slice(1);
    }
    const { planned, rejected } = await plan.plan(rows);
    result.rows += rows.length;
    result.rejected.push(...rejected);
    await each(planned);
    lastLine = chunk[chunk.length - 1]?.line ?? lastLine;
    hooks.progress(source.format === 'csv' ? Math.min(lastLine, result.rows + 1) : result.rows, 0);
  }
  if (result.rows === 0) {
    throw new AppError('INVALID_INPUT', `${request.name} has a header and no rows: nothing to import`);
  }
  return { ...result, headers, sheets: source.sheets, cancelled: false };
}

export function counts(planned: PlannedRow[], into: { inserts: number; updates: number; skips: number }) {
  for (const row of planned) {
    if (row.action === 'insert') into.inserts++;
    else if (row.action === 'update') into.updates++;
    else into.skips++;
  }
}

/** Every problem of the file and what importing it would do; nothing is written. */
export async function previewImport(
  request: ImportRequest,
  target: ImportTarget,
  hooks: ImportHooks,
): Promise<ImportPreview> {
  const tally = { inserts: 0, updates: 0, skips: 0 };
  const sample: OrgRow[] = [];
  const sectors = await target.sectors();
  const asStored = (rows: PlannedRow[]) =>
    rows.map((row) => {
      const sector = sectors.find((s) => s.focus_group_id === row.sector);
      return {
        ...row.values,
        sector_name: sector?.group_name ?? null,
        sector_code: sector?.group_code ?? null,
      };
    });
  const result = await pass(request, { sectors, lookup: target.lookup }, hooks, async (rows) => {
    counts(rows, tally);
    if (sample.length < SAMPLE_ROWS) sample.push(...asStored(rows.slice(0, SAMPLE_ROWS - sample.length)));
  });
  const problems = result.rejected.flatMap((r) => r.problems);
  return {
    rows: result.rows,
    valid: result.rows - result.rejected.length,
    invalid: result.rejected.length,
    ...tally,
    problems: problems.slice(0, MAX_PROBLEMS),
    problem_count: problems.length,
    sample,
    sheets: result.sheets,
  };
}
