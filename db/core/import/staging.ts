import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { PlannedRow } from './plan';

/** One chunk of the first pass: the rows it planned, and the database's answers it planned them on. */
export interface StagedChunk {
  /** Each id the chunk looked up, with the sector the database held it in (null: not there). */
  looked: [string, string | null][];
  rows: PlannedRow[];
}

export interface Staging {
  append(chunk: StagedChunk): Promise<void>;
  /** The chunks in the order they were appended; appending ends with the first call. */
  chunks(): AsyncGenerator<StagedChunk>;
  remove(): Promise<void>;
}

/**
 * The first pass's planned rows, kept in a private temporary file (one JSON line per chunk) so that
 * the write reads them back instead of parsing and checking the file again, and never holds them
 * all in memory.
 */
export async function stagingFile(): Promise<Staging> {
  const dir = await mkdtemp(join(tmpdir(), 'sector-studio-staging-'));
  const path = join(dir, 'planned.ndjson');
  const out = createWriteStream(path, { mode: 0o600 });
  const ended = async () => {
    if (!out.writableEnded) out.end();
    await finished(out);
  };
  return {
    async append(chunk) {
      if (!out.write(`${JSON.stringify(chunk)}\n`)) await once(out, 'drain');
    },
    async *chunks() {
      await ended();
      const input = createReadStream(path);
      try {
        for await (const line of createInterface({ input, crlfDelay: Infinity }))
          yield JSON.parse(line) as StagedChunk;
      } finally {
        input.destroy();
      }
    },
    async remove() {
      out.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
