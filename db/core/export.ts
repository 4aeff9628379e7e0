import type { OrgValue } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ExportRequest } from '../../shared/org-query';
import { columnLabel } from '../../shared/labels';
import { csvField, csvLines, csvRecords } from './csv-text';

/** Rows of the view as typed values (booleans, numbers, arrays, null), in its column order. */
export type RowChunks = Iterable<OrgValue[][]> | AsyncIterable<OrgValue[][]>;

/** Positions of the requested columns in the view's rows; an unknown name is refused. */
function pick(all: string[], wanted: readonly string[] | undefined): number[] {
  if (wanted === undefined) return all.map((_, i) => i);
  return wanted.map((name) => {
    const index = all.indexOf(name);
    if (index < 0) throw new AppError('INVALID_INPUT', `Unknown column to export: ${name}`);
    return index;
  });
}

/** How an export's rows become text: the opening, each chunk of rows, the closing. */
export interface ExportFormatter {
  head: string;
  rows(chunk: OrgValue[][]): string;
  tail: string;
}

/**
 * CSV: a header row of column names, booleans as true/false, arrays as JSON, NULL as an empty cell,
 * text that a spreadsheet would run as a formula escaped (spreadsheetSafe).
 * JSON: one array of objects keyed by column name, with booleans, numbers, arrays and null as JSON
 * values.
 * With `labels`, the headers (and JSON keys) are the screen's labels and CSV booleans Yes/No.
 */
export function exportFormatter(columns: string[], request: ExportRequest): ExportFormatter {
  const indexes = pick(columns, request.columns);
  const names = indexes.map((i) => {
    const name = columns[i] as string;
    return request.labels ? columnLabel(name) : name;
  });
  if (request.format === 'json') {
    let separator = '\n';
    return {
      head: '[',
      rows(chunk) {
        const text = chunk
          .map((row) => {
            const object: Record<string, OrgValue> = {};
            indexes.forEach((index, i) => (object[names[i] as string] = row[index] ?? null));
            return JSON.stringify(object);
          })
          .join(',\n');
        const out = `${separator}${text}`;
        separator = ',\n';
        return out;
      },
      tail: '\n]\n',
    };
  }
  const field = request.labels
    ? (value: OrgValue | undefined) => (typeof value === 'boolean' ? (value ? 'Yes' : 'No') : csvField(value))
    : csvField;
  return {
    head: csvLines([names]),
    rows: (chunk) => csvRecords(chunk, indexes, field),
    tail: '',
  };
}

export interface ExportOutlet {
  signal: AbortSignal;
  /** How many rows the selection holds, counted once by the engine, for progress. */
  total: number;
  progress(done: number, total: number): void;
  /** Takes a piece of text; resolves when it can take more. */
  write(text: string): Promise<void>;
}

/** The chunks' first `limit` rows, chunk by chunk. */
async function* part(chunks: RowChunks, limit: number): AsyncGenerator<OrgValue[][]> {
  let left = limit;
  for await (const chunk of chunks) {
    const rows = chunk.slice(0, left);
    left -= rows.length;
    if (rows.length > 0) yield rows;
    // Stop reading (and let the engine close its cursor) as soon as the part is whole.
    if (left <= 0) return;
  }
}

/**
 * The one export loop of every engine: the selection's rows as text, chunk by chunk, in the
 * selection's order, memory flat however many there are (at most `limit` of them; the engine's chunks
 * begin at `start`, where it seeks). The first rows are read before anything is
 * written, so an unknown sector or column fails with nothing out; a cancel stops between chunks.
 */
export async function writeExport(
  columns: string[],
  request: ExportRequest,
  chunks: RowChunks,
  outlet: ExportOutlet,
): Promise<{ rows: number; cancelled: boolean }> {
  const format = exportFormatter(columns, request);
  const start = request.start ?? 0;
  const limit = request.limit ?? Number.POSITIVE_INFINITY;
  const total = Math.max(0, Math.min(outlet.total - start, limit));
  const rowsOf = request.limit === undefined ? chunks : part(chunks, limit);
  const iterator =
    Symbol.asyncIterator in rowsOf ? rowsOf[Symbol.asyncIterator]() : rowsOf[Symbol.iterator]();
  let rows = 0;
  const emit = async (text: string, count: number) => {
    if (outlet.signal.aborted) return false;
    await outlet.write(text);
    rows += count;
    if (count > 0) outlet.progress(rows, total);
    return true;
  };
  try {
    let next = await iterator.next();
    outlet.progress(0, total);
    if (!(await emit(format.head, 0))) return { rows, cancelled: true };
    while (next.done !== true) {
      if (!(await emit(format.rows(next.value), next.value.length))) return { rows, cancelled: true };
      next = await iterator.next();
    }
    if (format.tail && !(await emit(format.tail, 0))) return { rows, cancelled: true };
    return { rows, cancelled: outlet.signal.aborted };
  } finally {
    await iterator.return?.();
  }
}
