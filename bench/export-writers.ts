import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeToString } from '@fast-csv/format';
import { stringify } from 'csv-stringify/sync';
import Papa from 'papaparse';
import type { OrgValue } from '../shared/domain';
import { csvCell, csvLines, csvRecords } from '../db/core/csv-text';
import { openDatabase } from '../db/sqlite/connection';
import { exportRows } from '../db/sqlite/export';
import { createOrganizationRepository } from '../db/sqlite/org-repo';
import { createPositionReader } from '../db/sqlite/org-positions';
import { median } from './stats';

/**
 * `npm run bench:export-writers -- FILE [ROWS]`: the CSV writers the export could be built on, each
 * turning the same chunks of the view's rows (read once from FILE, a seeded database, before any
 * timing) into text, as the export does chunk by chunk. Each writer's output is compared with
 * csv-stringify's, the writer the export used first. Writes bench/export-writers.json.
 */

type Cells = (string | number | null)[][];
/** A chunk as cells (csvCell already applied) and as the rows the export reads. */
interface Chunk {
  cells: Cells;
  rows: OrgValue[][];
}
type Writer = (chunk: Chunk) => string | Promise<string>;

const writers: Record<string, Writer> = {
  'csv-stringify': ({ cells }) => stringify(cells),
  'csv-stringify (no cast)': ({ cells }) =>
    stringify(cells, { cast: { number: (value) => String(value) }, quoted_match: undefined }),
  'papaparse unparse': ({ cells }) => `${Papa.unparse(cells, { header: false, newline: '\n' })}\n`,
  '@fast-csv/format': async ({ cells }) => `${await writeToString(cells, { includeEndRowDelimiter: true })}`,
  'csv-text csvLines': ({ cells }) => csvLines(cells),
  // The app's writer takes the rows as read: turning values into cells is in its time, not the others'.
  'csv-text csvRecords (the app)': ({ rows }) => csvRecords(rows, positions(rows)),
};

function positions(rows: OrgValue[][]): number[] {
  return Array.from({ length: rows[0]?.length ?? 0 }, (_, i) => i);
}

async function main() {
  const [file, limitText] = process.argv.slice(2);
  if (!file) throw new Error('Usage: npm run bench:export-writers -- FILE [ROWS]');
  const limit = Number(limitText ?? 100_000);
  const db = openDatabase(file, { mustExist: true });
  const repo = createOrganizationRepository(db);
  const selection = { sort: 'legal_name', dir: 'asc' } as const;
  const chunks: Chunk[] = [];
  let read = 0;
  for (const chunk of exportRows(
    { columns: repo.columns, scan: createPositionReader(db, repo).scan },
    selection,
  )) {
    chunks.push({ cells: chunk.map((row) => row.map(csvCell)), rows: chunk });
    read += chunk.length;
    if (read >= limit) break;
  }
  db.close();
  const loadAtStart = loadavg()[0] ?? 0;
  const reference = chunks.map((chunk) => stringify(chunk.cells)).join('');
  const rounds = 5;
  const results: Record<string, { ms: number; rows_per_s: number; identical: boolean }> = {};
  for (const [name, write] of Object.entries(writers)) {
    const times: number[] = [];
    let text = '';
    for (let round = 0; round < rounds; round++) {
      (globalThis as { gc?: () => void }).gc?.();
      const started = performance.now();
      const parts: string[] = [];
      for (const chunk of chunks) parts.push(await write(chunk));
      times.push(performance.now() - started);
      text = parts.join('');
    }
    const ms = median(times);
    results[name] = {
      ms: Math.round(ms),
      rows_per_s: Math.round((read / ms) * 1000),
      identical: text === reference,
    };
    console.log(
      name.padEnd(30),
      `${Math.round(ms)} ms`.padStart(8),
      results[name].identical ? 'identical' : 'DIFFERS',
    );
  }
  const out = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, node: process.version },
    load_avg: [loadAtStart, loadavg()[0] ?? 0].map((l) => Math.round(l * 100) / 100),
    rows: read,
    columns: repo.columns.length,
    csv_mb: Math.round((Buffer.byteLength(reference) / 2 ** 20) * 10) / 10,
    rounds,
    writers: results,
  };
  writeFileSync(
    fileURLToPath(new URL('./export-writers.json', import.meta.url)),
    `${JSON.stringify(out, null, 2)}\n`,
  );
}

await main();
