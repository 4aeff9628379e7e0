import { stringify } from 'csv-stringify/sync';
import type { OrgSelection } from '../shared/org-query';
import { columnKind } from './columns';
import type { OrganizationRepository } from './repositories';

export interface TextChunk {
  text: string;
  /** Organizations in this chunk (0 for the header). */
  rows: number;
}

/**
 * The unified view as CSV text, chunk by chunk: a header row, then every selected row in the
 * selection's order. Rows are read in keyset chunks, so memory stays flat however many there are.
 * Booleans are written as true/false, arrays as JSON, NULL as an empty cell.
 */
export function* csvChunks(
  organizations: OrganizationRepository,
  selection: OrgSelection,
  chunkSize = 2_000,
): Generator<TextChunk> {
  const columns = organizations.columns;
  const booleans = columns.flatMap((name, i) => (columnKind(name) === 'boolean' ? [i] : []));
  const chunks = organizations.scan(selection, chunkSize);
  // The first rows are read before anything is written: an unknown sector fails with nothing out.
  const first = chunks.next();
  yield { text: stringify([columns]), rows: 0 };
  if (first.done) return;
  for (const chunk of [first.value, ...chunks]) {
    for (const row of chunk) {
      for (const i of booleans) {
        const value = row[i];
        if (value !== null) row[i] = value === 1 ? 'true' : 'false';
      }
    }
    yield { text: stringify(chunk), rows: chunk.length };
  }
}
