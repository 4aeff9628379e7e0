import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createReadStream } from 'node:fs';
import { finished, type Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import type { ImportFormat } from '../../../shared/org-import';

/**
 * A file's rows as text cells, whatever wrote it: CSV (UTF-8 with or without a BOM, CRLF or LF,
 * quoted fields) through papaparse, Excel (.xlsx) through ExcelJS's streaming reader, where a
 * formula's cell is its value, never the formula. Rows come in chunks, and the event loop gets a
 * turn between chunks, so that a large file never holds the thread (see docs/organizations.md for
 * why these two libraries).
 */

/** One row as the file holds it: its number as a spreadsheet shows it (the header is row 1). */
export interface CellRow {
  line: number;
  cells: string[];
}

/** Larger cells or wider rows are not organizations: the file is refused in one sentence. */
export const MAX_CELL_CHARACTERS = 100_000;
export const MAX_COLUMNS = 1_000;
/** Bytes read, and for a CSV parsed, between two turns of the event loop (about 5 ms of parsing). */
const CHUNK_BYTES = 256 * 1024;
/** What the format is told from: the start of the file. */
const HEAD_BYTES = 64 * 1024;
const XLSX_CHUNK_ROWS = 500;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const zipMagic = [0x50, 0x4b, 0x03, 0x04];

/** What a file is, from its first bytes; refuses what is neither a CSV nor an Excel workbook. */
export function detectFormat(bytes: Uint8Array, name: string): ImportFormat {
  if (bytes.length === 0)
    throw new AppError('INVALID_INPUT', `${name} is empty (0 bytes): there is nothing to import`);
  if (zipMagic.every((b, i) => bytes[i] === b)) return 'xlsx';
  const head = bytes.subarray(0, HEAD_BYTES);
  if (head.includes(0)) {
    const sqlite = Buffer.from(head.subarray(0, 16)).toString('latin1') === 'SQLite format 3\0';
    throw new AppError(
      'INVALID_INPUT',
      sqlite
        ? `${name} is an SQLite database, not a CSV or Excel file`
        : `${name} is a binary file, not a CSV or Excel file`,
    );
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastWholeCharacter(head)));
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      `${name} is not UTF-8 text: save it as CSV UTF-8 (or as .xlsx) and try again`,
    );
  }
  return 'csv';
}

/** The end of the last whole UTF-8 character in a prefix (a multi-byte one may be cut at 64 KB). */
function lastWholeCharacter(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) return end - back;
    if ((byte & 0x80) === 0) return end;
  }
  return end;
}

function checkRow(row: CellRow): void {
  if (row.cells.length > MAX_COLUMNS) {
    throw new AppError(
      'INVALID_INPUT',
      `Row ${row.line} has ${row.cells.length.toLocaleString('en-US')} columns; an organization has at most ${MAX_COLUMNS.toLocaleString('en-US')}`,
    );
  }
  row.cells.forEach((cell, i) => {
    if (cell.length > MAX_CELL_CHARACTERS) {
      throw new AppError(
        'INVALID_INPUT',
        `Row ${row.line}, column ${i + 1} holds ${cell.length.toLocaleString('en-US')} characters; a cell holds at most ${MAX_CELL_CHARACTERS.toLocaleString('en-US')}`,
      );
    }
  });
}

/**
 * CSV rows in chunks, read from the stream a chunk at a time: the stream is paused while a chunk's
 * rows are checked and written, so that the file is never held whole (only the chunk being parsed
 * and the one the stream has read ahead). A blank line is skipped (and still counted, so that row
 * numbers match the file).
 */
async function* csvRows(open: OpenBytes, head: Uint8Array): AsyncGenerator<CellRow[]> {
  // The delimiter and line break are guessed from the start of the file, not from a stream's first
  // read, which may end anywhere (even between a CR and its LF).
  const start = new TextDecoder('utf-8').decode(head.subarray(0, lastWholeCharacter(head)));
  const { delimiter, linebreak } = Papa.parse<string[]>(start.replace(/^\uFEFF/, ''), { preview: 20 }).meta;
  const input = open();
  // A string decoder across chunks: a character cut between two reads is decoded whole.
  input.setEncoding('utf8');
  let line = 0;
  const chunks: CellRow[][] = [];
  let resume: (() => void) | null = null;
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  let parser: Papa.Parser | null = null;
  Papa.parse<string[]>(input, {
    delimiter,
    newline: linebreak as Papa.ParseConfig['newline'],
    beforeFirstChunk: (text) => text.replace(/^\uFEFF/, ''),
    chunk(result: Papa.ParseResult<string[]>, chunkParser: Papa.Parser) {
      const rows: CellRow[] = [];
      for (const cells of result.data) {
        line++;
        if (cells.length === 1 && cells[0] === '') continue;
        rows.push({ line, cells });
      }
      if (rows.length === 0) return;
      chunks.push(rows);
      // papaparse pauses its parsing, not the stream it reads: both wait for the chunk's turn.
      input.pause();
      chunkParser.pause();
      parser = chunkParser;
      resume = () => {
        chunkParser.resume();
        input.resume();
      };
      wake?.();
    },
    complete() {
      done = true;
      wake?.();
    },
    error(error: Error) {
      failure = error;
      done = true;
      wake?.();
    },
  });
  try {
    for (;;) {
      const next = chunks.shift();
      if (next !== undefined) {
        next.forEach(checkRow);
        yield next;
        await yieldToEventLoop();
        const go = resume as (() => void) | null;
        resume = null;
        go?.();
        continue;
      }
      if (failure !== null)
        throw new AppError('INVALID_INPUT', `The file is not readable as CSV: ${String(failure)}`);
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    // A reader that stops early (the headers only) closes the file.
    (parser as Papa.Parser | null)?.abort();
    await closed(input);
  }
}

/** An Excel cell's value as the text a CSV would hold: a formula's result, dates as ISO 8601. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** The workbook's sheet names and the rows of one (the first when `sheet` is null), in chunks. */
async function* xlsxRows(open: OpenBytes, sheet: string | null, names: string[]): AsyncGenerator<CellRow[]> {
  // Loaded when a workbook is read: every thread that can import holds this module, few read Excel.
  const { default: Excel } = await import('exceljs');
  const input = open();
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  let found = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      names.push(name);
      if (found || (sheet !== null && name !== sheet)) {
        for await (const _ of worksheet) await yieldToEventLoop();
        continue;
      }
      found = true;
      let rows: CellRow[] = [];
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
        const next = { line: row.number, cells };
        checkRow(next);
        if (cells.some((c) => c !== '')) rows.push(next);
        if (rows.length >= XLSX_CHUNK_ROWS) {
          yield rows;
          rows = [];
          await yieldToEventLoop();
        }
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'INVALID_INPUT',
      `The file is not a readable Excel workbook: ${(error as Error).message}`,
    );
  } finally {
    await closed(input);
  }
  if (!found) {
    throw new AppError(
      'INVALID_INPUT',
      sheet === null
        ? 'The workbook has no sheet'
        : `The workbook has no sheet named ${sheet} (it has ${names.join(', ')})`,
    );
  }
}

export interface CellSource {
  format: ImportFormat;
  /** The workbook's sheets, known once reading is done (none for a CSV). */
  sheets: string[];
  rows: AsyncGenerator<CellRow[]>;
}

/** A file's bytes from its start, as a new stream at each call: an import reads its file twice. */
export type OpenBytes = () => Readable;

/** The first bytes of a file, for telling what it is. */
async function headOf(open: OpenBytes): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let size = 0;
  const input = open();
  try {
    for await (const part of input as AsyncIterable<Buffer>) {
      parts.push(part);
      size += part.length;
      if (size >= HEAD_BYTES) break;
    }
  } finally {
    await closed(input);
  }
  return Buffer.concat(parts, size).subarray(0, HEAD_BYTES);
}

/**
 * Closes a stream and waits for its file to be closed: a file this process holds a descriptor of
 * looks like one of the database's to the check that refuses those (see checkUserFile).
 */
async function closed(input: Readable): Promise<void> {
  // Settles on the close whatever came before it (a cancelled read ends in an abort error).
  const done = new Promise<void>((resolve) => finished(input, () => resolve()));
  input.destroy();
  await done;
}

/** The rows of a CSV, or of one sheet of a workbook, read from the file as a stream. */
export async function readCells(open: OpenBytes, name: string, sheet: string | null): Promise<CellSource> {
  const start = await headOf(open);
  const format = detectFormat(start, name);
  const sheets: string[] = [];
  return { format, sheets, rows: format === 'csv' ? csvRows(open, start) : xlsxRows(open, sheet, sheets) };
}

/** A file on disk, read in chunks of CHUNK_BYTES (about 5 ms of parsing each). */
export function fileBytes(path: string): OpenBytes {
  return () => createReadStream(path, { highWaterMark: CHUNK_BYTES });
}
