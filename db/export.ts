import { stringify } from 'csv-stringify/sync';
import { AppError } from '../shared/errors';
import type { ExportRequest, OrgSelection } from '../shared/org-query';
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

/**
 * The selection as text, chunk by chunk, in the selection's order. Rows are read in keyset chunks,
 * so memory stays flat however many there are. CSV: a header row of column names, booleans as
 * true/false, arrays as JSON, NULL as an empty cell. JSON: one array of objects keyed by column
 * name, with booleans, numbers, arrays and null as JSON values.
 */
export function* exportChunks(
  source: ExportSource,
  request: ExportRequest,
  chunkSize = 2_000,
): Generator<TextChunk> {
  const indexes = pick(source.columns, request.columns);
  const names = indexes.map((i) => source.columns[i] as string);
  const kinds = names.map((name) => columnKind(name));
  const chunks = source.scan(request, chunkSize);
  // The first rows are read before anything is written: an unknown sector fails with nothing out.
  const first = chunks.next();
  const all = (function* () {
    if (first.done) return;
    yield first.value;
    // Lazily: spreading the generator would hold every row in memory at once.
    yield* chunks;
  })();
  if (request.format === 'json') {
    yield { text: '[', rows: 0 };
    let separator = '\n';
    for (const chunk of all) {
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
      yield { text: `${separator}${text}`, rows: chunk.length };
      separator = ',\n';
    }
    yield { text: '\n]\n', rows: 0 };
    return;
  }
  yield { text: stringify([names]), rows: 0 };
  for (const chunk of all) {
    const cells = chunk.map((row) =>
      indexes.map((index, i) => {
        const value = row[index];
        if (kinds[i] === 'boolean' && value !== null) return value === 1 ? 'true' : 'false';
        return value;
      }),
    );
    yield { text: stringify(cells), rows: chunk.length };
  }
}
