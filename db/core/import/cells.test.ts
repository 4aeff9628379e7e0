import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCells, type CellRow } from './cells';

async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Notes').addRow(['not', 'organizations']);
  const sheet = book.addWorksheet('Organizations');
  sheet.addRow(['legal_name', 'website_url', 'founded', 'annual_revenue_usd']);
  sheet.addRow([
    '=not a formula',
    { formula: 'HYPERLINK("https://acme.example","acme.example")', result: 'acme.example' },
    new Date('2024-03-01T00:00:00Z'),
    12.5,
  ]);
  sheet.addRow([]);
  sheet.addRow(['Beta', null, null, 1_000_000]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function rows(bytes: Uint8Array, sheet: string | null): Promise<CellRow[]> {
  const all: CellRow[] = [];
  const source = await readCells(() => Readable.from([Buffer.from(bytes)]), 'book.xlsx', sheet);
  for await (const chunk of source.rows) all.push(...chunk);
  return all;
}

describe('an Excel workbook as the import reads it', () => {
  it("reads the chosen sheet: a formula's value never the formula, dates as ISO, row numbers as Excel shows them", async () => {
    const bytes = await workbook();
    expect(await rows(bytes, 'Organizations')).toEqual([
      { line: 1, cells: ['legal_name', 'website_url', 'founded', 'annual_revenue_usd'] },
      { line: 2, cells: ['=not a formula', 'acme.example', '2024-03-01T00:00:00.000Z', '12.5'] },
      { line: 4, cells: ['Beta', '', '', '1000000'] },
    ]);
    expect((await rows(bytes, null))[0]?.cells).toEqual(['not', 'organizations']);
  });

  it('names the sheets it has when the chosen one is missing', async () => {
    await expect(rows(await workbook(), 'Companies')).rejects.toThrow(
      'The workbook has no sheet named Companies (it has Notes, Organizations)',
    );
  });
});

describe('a CSV as the import reads it', () => {
  it('reads the file as it goes: rows come before the rest of the file is read, never far behind', async () => {
    const row = 'Acme Holdings,pe_technology,1200,https://acme.example\n';
    const rowsInFile = 200_000;
    let read = 0;
    async function* file() {
      yield Buffer.from('legal_name,focus_group_id,employee_count,website_url\n');
      const piece = Buffer.from(row.repeat(1_000));
      for (let i = 0; i < rowsInFile / 1_000; i++) {
        read += piece.length;
        yield piece;
      }
    }
    const source = await readCells(() => Readable.from(file(), { objectMode: false }), 'big.csv', null);
    const fileBytes = rowsInFile * row.length;
    let rows = -1;
    let furthestAhead = 0;
    for await (const chunk of source.rows) {
      rows += chunk.length;
      furthestAhead = Math.max(furthestAhead, read - rows * row.length);
    }
    expect(rows).toBe(rowsInFile);
    // 11 MB of rows, read at most a few of the reader's 256 KB chunks ahead of the rows handed on.
    expect(fileBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(furthestAhead).toBeLessThan(2 * 2 ** 20);
  });
});
