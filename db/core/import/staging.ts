import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { OrgValue } from '../../../shared/domain';
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
 * A chunk as one line of the file: each row's values as a list, with the names they go by listed
 * once per chunk (a file's rows share a few lists).
 */
interface Line {
  looked: StagedChunk['looked'];
  names: string[][];
  /** JSON leaves out an assessment that is undefined (no column holds one): it reads back so. */
  rows: (Omit<PlannedRow, 'values'> & { of: number; values: OrgValue[] })[];
}

function toLine({ looked, rows }: StagedChunk): Line {
  const index = new Map<string, number>();
  const names: string[][] = [];
  return {
    looked,
    names,
    rows: rows.map(({ values, ...row }) => {
      const keys = Object.keys(values);
      const key = keys.join(',');
      let of = index.get(key);
      if (of === undefined) index.set(key, (of = names.push(keys) - 1));
      return { ...row, of, values: keys.map((k) => values[k] as OrgValue) };
    }),
  };
}

function fromLine({ looked, names, rows }: Line): StagedChunk {
  return {
    looked,
    rows: rows.map(({ of, values, ...row }) => {
      const named: Record<string, OrgValue> = {};
      (names[of] ?? []).forEach((name, i) => (named[name] = values[i] ?? null));
      return { ...row, values: named };
    }),
  };
}

/**
 * The first pass's planned rows, kept in a private temporary file (one line of JSON per chunk) so that
 * the write reads them back instead of parsing and checking the file again, and never holds them
 * all in memory.
 */
export async function stagingFile(): Promise<Staging> {
  const dir = await mkdtemp(join(tmpdir(), 'sector-studio-staging-'));
  const path = join(dir, 'planned.ndjson');
  const out = createWriteStream(path, { mode: 0o600 });
  // A failed write (a full disk) fails the import's next step here, never the thread.
  out.on('error', () => {});
  const ended = async () => {
    if (!out.writableEnded) out.end();
    await finished(out);
  };
  return {
    async append(chunk) {
      if (out.errored) throw out.errored;
      if (!out.write(`${JSON.stringify(toLine(chunk))}\n`)) await once(out, 'drain');
    },
    async *chunks() {
      await ended();
      const input = createReadStream(path);
      try {
        for await (const line of createInterface({ input, crlfDelay: Infinity }))
          yield fromLine(JSON.parse(line) as Line);
      } finally {
        input.destroy();
      }
    },
    async remove() {
      // Writes still under way finish first: a stream destroyed under them throws from its callback.
      await ended().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
