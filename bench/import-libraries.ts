import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse as csvParseSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { exportedCsv } from './import-bench';

/**
 * `npm run bench:import-libraries`: the CSV and Excel readers the import could be built on, on the
 * issue's cases (correctness) and on the app's own export (time and peak memory, each reader in a
 * process of its own so that one's garbage is not another's peak). SheetJS is not a dependency:
 * npm's last version is 0.18.5, newer ones are published only on SheetJS's own server; give the
 * folder of an installed copy in SHEETJS_DIR to measure it. Writes bench/import-libraries.json.
 */

type Rows = string[][];
interface SheetJs {
  read(
    data: Buffer,
    options: { type: 'buffer'; dense?: boolean; cellDates?: boolean },
  ): {
    SheetNames: string[];
    Sheets: Record<string, unknown>;
  };
  utils: { sheet_to_json(sheet: unknown, options: { header: 1; raw: boolean; defval: string }): unknown[][] };
}

const sheetJs = (): SheetJs | null =>
  process.env.SHEETJS_DIR ? (createRequire(import.meta.url)(process.env.SHEETJS_DIR) as SheetJs) : null;

/** Drops what the import skips anyway: blank lines (one empty cell). */
const rowsOnly = (rows: Rows) => rows.filter((r) => !(r.length === 1 && r[0] === ''));

const csvReaders: Record<string, (text: string) => Promise<Rows>> = {
  papaparse: async (text) => rowsOnly(Papa.parse<string[]>(text).data),
  'csv-parse': async (text) => csvParseSync(text, { bom: true, relax_column_count: true }) as Rows,
};

const text = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : value instanceof Date
      ? value.toISOString()
      : typeof value === 'object' && 'result' in value
        ? text((value as { result: unknown }).result)
        : typeof value === 'object' && 'richText' in value
          ? (value as { richText: { text: string }[] }).richText.map((p) => p.text).join('')
          : String(value);

const xlsxReaders: Record<string, (bytes: Buffer) => Promise<Rows>> = {
  'exceljs-stream': async (bytes) => {
    const rows: Rows = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {
      // The import's options: styles tell a date from a number.
      sharedStrings: 'cache',
      styles: 'cache',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>)
        rows.push((row.values as unknown[]).slice(1).map(text));
      break;
    }
    return rows;
  },
  'exceljs-load': async (bytes) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: Rows = [];
    book.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(text)));
    return rows;
  },
  sheetjs: async (bytes) => {
    const xlsx = sheetJs();
    if (xlsx === null) throw new Error('SHEETJS_DIR is not set');
    const book = xlsx.read(bytes, { type: 'buffer', dense: true, cellDates: true });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''];
    return xlsx.utils.sheet_to_json(sheet, { header: 1, raw: true, defval: '' }).map((row) => row.map(text));
  },
};

/** The CSV cases: what other tools write. */
const csvCases: { name: string; text: string; rows: Rows }[] = [
  {
    name: 'UTF-8 BOM',
    text: '\uFEFFname,n\r\nÅsa,1\r\n',
    rows: [
      ['name', 'n'],
      ['Åsa', '1'],
    ],
  },
  {
    name: 'LF',
    text: 'a,b\n1,2\n',
    rows: [
      ['a', 'b'],
      ['1', '2'],
    ],
  },
  {
    name: 'no final newline',
    text: 'a,b\r\n1,2',
    rows: [
      ['a', 'b'],
      ['1', '2'],
    ],
  },
  {
    name: 'quoted comma, quote, CRLF and LF',
    text: 'a,b\r\n"x, y","say ""hi""\r\nnext\nline"\r\n',
    rows: [
      ['a', 'b'],
      ['x, y', 'say "hi"\r\nnext\nline'],
    ],
  },
  {
    name: 'empty cells',
    text: 'a,b,c\r\n,,\r\n',
    rows: [
      ['a', 'b', 'c'],
      ['', '', ''],
    ],
  },
  { name: 'thousands separators stay text', text: 'n\r\n"1,234,567.5"\r\n', rows: [['n'], ['1,234,567.5']] },
];

async function workbook(rows: Rows, withCases: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Organizations');
  rows.forEach((row) => sheet.addRow(row));
  if (withCases) {
    sheet.addRow([
      { formula: 'HYPERLINK("https://example.com","Acme")', result: 'Acme' },
      12.5,
      new Date('2024-03-01T00:00:00Z'),
      '=not a formula',
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One reader on one file in this process: its time and the process's peak memory, as JSON on stdout. */
async function measureOne(kind: 'csv' | 'xlsx', reader: string, file: string): Promise<void> {
  const bytes = readFileSync(file);
  const started = performance.now();
  const rows =
    kind === 'csv'
      ? await (csvReaders[reader] as (t: string) => Promise<Rows>)(bytes.toString('utf8'))
      : await (xlsxReaders[reader] as (b: Buffer) => Promise<Rows>)(bytes);
  const ms = performance.now() - started;
  process.stdout.write(
    JSON.stringify({ ms, rows: rows.length, max_rss_mb: process.resourceUsage().maxRSS / 1024 }),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function measure(kind: 'csv' | 'xlsx', reader: string, file: string, rounds: number) {
  const runs = Array.from(
    { length: rounds },
    () =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [...process.execArgv, fileURLToPath(import.meta.url), kind, reader, file],
          {
            encoding: 'utf8',
            env: process.env,
          },
        ),
      ) as { ms: number; rows: number; max_rss_mb: number },
  );
  return {
    ms: Math.round(median(runs.map((r) => r.ms))),
    max_rss_mb: Math.round(median(runs.map((r) => r.max_rss_mb))),
    rows: runs[0]?.rows ?? 0,
  };
}

async function compare(orgs: number, rounds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'sector-studio-libraries-'));
  try {
    const csvFile = (await exportedCsv(dir, orgs)).path;
    const bytes = readFileSync(csvFile);
    const rows = Papa.parse<string[]>(bytes.toString('utf8').replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    const xlsxFile = join(dir, 'organizations.xlsx');
    writeFileSync(xlsxFile, await workbook(rows, false));
    const cases = await workbook([['name', 'amount', 'day', 'text']], true);
    const expectedCase = ['Acme', '12.5', '2024-03-01T00:00:00.000Z', '=not a formula'];
    const csv = Object.fromEntries(
      await Promise.all(
        Object.entries(csvReaders).map(async ([name, read]) => {
          const failed: string[] = [];
          for (const c of csvCases)
            if (JSON.stringify(await read(c.text)) !== JSON.stringify(c.rows)) failed.push(c.name);
          return [name, { cases_failed: failed, ...measure('csv', name, csvFile, rounds) }];
        }),
      ),
    );
    const xlsxNames = Object.keys(xlsxReaders).filter((n) => n !== 'sheetjs' || sheetJs() !== null);
    const xlsx: Record<string, unknown> = {};
    for (const name of xlsxNames) {
      const got = (await (xlsxReaders[name] as (b: Buffer) => Promise<Rows>)(cases))[1] ?? [];
      xlsx[name] = {
        formula_date_text_cells: got,
        correct: JSON.stringify(got) === JSON.stringify(expectedCase),
        ...measure('xlsx', name, xlsxFile, rounds),
      };
    }
    return {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, node: process.version },
      file: { orgs, columns: rows[0]?.length ?? 0, csv_mb: Number((bytes.length / 2 ** 20).toFixed(1)) },
      rounds,
      csv,
      xlsx,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [kind, reader, file] = process.argv.slice(2);
if ((kind === 'csv' || kind === 'xlsx') && reader && file) {
  await measureOne(kind, reader, file);
} else {
  const orgs = Number(process.argv[2] ?? 20_000);
  const results = await compare(orgs, 3);
  const out = fileURLToPath(new URL('./import-libraries.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}
