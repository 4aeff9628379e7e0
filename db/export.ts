import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { columnKind } from './columns';
import type { ExportResult } from '../shared/domain';
import type { OrganizationRepository, OrgFilter } from './repositories';

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits for the stream to drain; false when the signal aborts first. */
async function drained(stream: NodeJS.EventEmitter, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await once(stream, 'drain', { signal });
    return true;
  } catch (error) {
    if (signal?.aborted) return false;
    throw error;
  }
}

/**
 * Streams the unified view as CSV: a header row, then every matching row in the chosen order.
 * Rows are read in keyset chunks and written with backpressure, so memory stays flat however many
 * rows there are. Booleans are written as true/false, arrays as JSON, NULL as an empty cell.
 */
export async function exportOrganizationsCsv(
  organizations: OrganizationRepository,
  filter: OrgFilter,
  out: NodeJS.WritableStream,
  options: ExportOptions = {},
): Promise<Omit<ExportResult, 'path'>> {
  const columns = organizations.columns;
  const booleans = columns.flatMap((name, i) => (columnKind(name) === 'boolean' ? [i] : []));
  const total = organizations.count(filter);
  const csv = stringify();
  csv.write(columns);
  const done = finished(csv.pipe(out));
  let rows = 0;
  let cancelled = false;
  for (const chunk of organizations.scan(filter, options.chunkSize ?? 2_000)) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    for (const row of chunk) {
      for (const i of booleans) {
        const value = row[i];
        if (value !== null) row[i] = value === 1 ? 'true' : 'false';
      }
      if (!csv.write(row) && !(await drained(csv, options.signal))) {
        // The destination stopped reading and the user cancelled: abandon it rather than wait.
        csv.destroy();
        return { rows, cancelled: true };
      }
    }
    rows += chunk.length;
    options.onProgress?.(rows, total);
    await yieldToEventLoop();
  }
  csv.end();
  await done;
  return { rows, cancelled };
}
