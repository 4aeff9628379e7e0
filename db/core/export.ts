import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../shared/errors';
import type { ExportRequest, OrgSelection } from '../../shared/org-query';
import { columnKind } from './columns';

export interface TextChunk {
  text: string;
  /** Organizations in this chunk (0 for the header and the closing text). */
  rows: number;
}

/** Where an export reads from: the view's column names and its rows in keyset chunks. */
export interface ExportSource {
  columns: string[];
  scan(selection: OrgSelection, chunkSize: number): Generator<unknown[][]>;
}

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
  rows(chunk: unknown[][]): string;
  tail: string;
}

/**
 * CSV: a header row of column names, booleans as true/false, arrays as JSON, NULL as an empty cell.
 * JSON: one array of objects keyed by column name, with booleans, numbers, arrays and null as JSON
 * values. Rows come as SQLite returns them (booleans 0/1, arrays as JSON text) in `columns` order.
 */
export function exportFormatter(columns: string[], request: ExportRequest): ExportFormatter {
  const indexes = pick(columns, request.columns);
  const names = indexes.map((i) => columns[i] as string);
  const kinds = names.map((name) => columnKind(name));
  if (request.format === 'json') {
    let separator = '\n';
    return {
      head: '[',
      rows(chunk) {
        const text = chunk
          .map((row) => {
            const object: Record<string, unknown> = {};
            indexes.forEach((index, i) => {
              const value = row[index];
              const kind = kinds[i];
              object[names[i] as string] =
                value === null || value === undefined
                  ? null
                  : kind === 'boolean'
                    ? value === 1
                    : kind === 'array'
                      ? (JSON.parse(value as string) as unknown)
                      : value;
            });
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
  return {
    head: stringify([names]),
    rows: (chunk) =>
      stringify(
        chunk.map((row) =>
          indexes.map((index, i) => {
            const value = row[index];
            if (kinds[i] === 'boolean' && value !== null) return value === 1 ? 'true' : 'false';
            return value;
          }),
        ),
      ),
    tail: '',
  };
}

/**
 * The selection as text, chunk by chunk, in the selection's order. Rows are read in keyset chunks,
 * so memory stays flat however many there are.
 */
export function* exportChunks(
  source: ExportSource,
  request: ExportRequest,
  chunkSize = 2_000,
): Generator<TextChunk> {
  const format = exportFormatter(source.columns, request);
  const chunks = source.scan(request, chunkSize);
  // The first rows are read before anything is written: an unknown sector fails with nothing out.
  const first = chunks.next();
  const all = (function* () {
    if (first.done) return;
    yield first.value;
    // Lazily: spreading the generator would hold every row in memory at once.
    yield* chunks;
  })();
  yield { text: format.head, rows: 0 };
  for (const chunk of all) yield { text: format.rows(chunk), rows: chunk.length };
  if (format.tail) yield { text: format.tail, rows: 0 };
}
