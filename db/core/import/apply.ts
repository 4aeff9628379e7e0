import { stringify } from 'csv-stringify/sync';
import type { ImportProblem, ImportSummary } from '../../../shared/org-import';
import { spreadsheetSafe } from '../csv-text';
import type { PlannedRow, RejectedRow } from './plan';
import {
  counts,
  pass,
  type ImportHooks,
  type ImportRequest,
  type ImportTarget,
  type ImportTransaction,
} from './run';
import { stagingFile, type StagedChunk } from './staging';

/** The rejected rows as the file had them, with a last column saying why. */
export function rejectedCsv(headers: string[], rejected: RejectedRow[]): string {
  const why = (problems: ImportProblem[]) => problems.map((p) => `${p.column}: ${p.reason}`).join('; ');
  return stringify([
    [...headers, 'problems'],
    ...rejected.map(({ row, problems }) =>
      [...headers.map((_, i) => row.cells[i] ?? ''), `row ${row.line}: ${why(problems)}`].map(
        spreadsheetSafe,
      ),
    ),
  ]);
}

export interface ImportOutcome extends Omit<ImportSummary, 'rejected_file'> {
  /** The rejected rows as CSV, for the backend to put beside the source (null when none). */
  rejected_csv: string | null;
}

/**
 * Imports a file: a first pass checks every row and keeps what it planned in a staging file; unless
 * every row is valid or `valid_rows` is set, nothing is written. The write runs in one transaction
 * and takes the staged rows, after checking that the database still holds what they were planned
 * against (the ids each chunk looked up); when another process changed any of it meanwhile, the
 * file is read and checked again inside a new transaction instead, so that the rows are planned
 * against what is there now. A cancel or any failure rolls the whole import back.
 */
export async function applyImport(
  request: ImportRequest,
  target: ImportTarget,
  hooks: ImportHooks,
): Promise<ImportOutcome> {
  const started = performance.now();
  const sectors = await target.sectors();
  const staging = await stagingFile();
  try {
    let looked: StagedChunk['looked'] = [];
    const lookup = async (ids: string[]) => {
      const found = await target.lookup(ids);
      looked = ids.map((id) => [id, found.get(id) ?? null]);
      return found;
    };
    const tally = { inserts: 0, updates: 0, skips: 0 };
    const first = await pass(request, { sectors, lookup }, hooks, async (rows) => {
      counts(rows, tally);
      await staging.append({ looked, rows });
      looked = [];
    });
    const base = {
      inserted: 0,
      updated: 0,
      skipped: 0,
      rejected: first.rejected.length,
      cancelled: first.cancelled,
    };
    const rejected_csv = first.rejected.length > 0 ? rejectedCsv(first.headers, first.rejected) : null;
    const done = (applied: boolean, message: string, extra = {}) => ({
      ...base,
      ...extra,
      applied,
      rejected_csv,
      duration_ms: Math.round(performance.now() - started),
      message,
    });
    if (first.cancelled) return done(false, 'Cancelled: nothing was imported');
    if (first.rejected.length > 0 && !request.options.valid_rows) {
      return done(
        false,
        `Nothing imported: ${first.rejected.length.toLocaleString('en-US')} of ${first.rows.toLocaleString('en-US')} rows have problems`,
      );
    }
    const total = tally.inserts + tally.updates;
    let written = { inserted: 0, updated: 0, skipped: 0 };
    const write = async (tx: ImportTransaction, rows: PlannedRow[]) => {
      await tx.write(rows.filter((r) => r.action !== 'skip'));
      for (const row of rows) {
        if (row.action === 'insert') written.inserted++;
        else if (row.action === 'update') written.updated++;
        else written.skipped++;
      }
      hooks.progress(written.inserted + written.updated, total);
    };
    let changed = false;
    let committed = await target.transaction(tally.inserts, async (tx) => {
      for await (const chunk of staging.chunks()) {
        if (hooks.signal.aborted) return false;
        const ids = chunk.looked.map(([id]) => id);
        const now = ids.length === 0 ? new Map<string, string>() : await tx.lookup(ids);
        if (chunk.looked.some(([id, sector]) => (now.get(id) ?? null) !== sector)) {
          changed = true;
          return false;
        }
        await write(tx, chunk.rows);
      }
      // A cancel after the last chunk still keeps nothing; once committed, the import is done.
      return !hooks.signal.aborted;
    });
    let changedMeanwhile = 0;
    if (changed) {
      written = { inserted: 0, updated: 0, skipped: 0 };
      committed = await target.transaction(tally.inserts, async (tx) => {
        const second = await pass(
          request,
          { sectors, lookup: tx.lookup },
          { signal: hooks.signal, progress: () => {} },
          (rows) => write(tx, rows),
        );
        changedMeanwhile = second.rejected.length - first.rejected.length;
        return (
          !second.cancelled && !hooks.signal.aborted && (changedMeanwhile === 0 || request.options.valid_rows)
        );
      });
    }
    if (!committed && hooks.signal.aborted)
      return done(false, 'Cancelled: nothing was imported', { cancelled: true });
    if (!committed)
      return done(
        false,
        `Nothing imported: ${changedMeanwhile} rows changed in the database meanwhile; try again`,
      );
    const what = [
      `${written.inserted.toLocaleString('en-US')} inserted`,
      `${written.updated.toLocaleString('en-US')} updated`,
      `${written.skipped.toLocaleString('en-US')} skipped`,
      `${base.rejected.toLocaleString('en-US')} rejected`,
    ].join(', ');
    return done(true, `Imported: ${what}`, written);
  } finally {
    await staging.remove();
  }
}
