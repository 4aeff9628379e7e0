import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { orgExport, orgQuery, orgSelection } from '../../shared/org-query';
import type { Db } from './connection';
import { writeExport } from '../core/export';
import { exportRows, type ScanSource } from './export';
import type { ExportRequest } from '../../shared/org-query';
import { createPositionReader } from './org-positions';
import { createOrganizationRepository } from './org-repo';
import { insertSamples } from './sample-orgs';
import { seededDb } from '../test/helpers';

let db: Db;
beforeAll(async () => {
  db = seededDb();
  await insertSamples(db, { count: 350, seed: 11 });
});

/** What the export writes, piece by piece, with how many rows each piece holds. */
async function exportChunks(source: ScanSource, request: ExportRequest, chunkSize?: number) {
  const chunks: { text: string; rows: number }[] = [];
  let done = 0;
  await writeExport(source.columns, request, exportRows(source, request, chunkSize), {
    signal: new AbortController().signal,
    total: 0,
    // Reported right after the piece of rows it counts.
    progress: (rows) => {
      const last = chunks[chunks.length - 1];
      if (last && rows > done) last.rows = rows - done;
      done = rows;
    },
    write: async (text) => {
      chunks.push({ text, rows: 0 });
    },
  });
  return chunks;
}

async function exportText(selection: object) {
  const repo = createOrganizationRepository(db);
  const source = { columns: repo.columns, scan: createPositionReader(db, repo).scan };
  const chunks = await exportChunks(source, orgSelection.parse(selection), 40);
  return {
    rows: chunks.reduce((sum, c) => sum + c.rows, 0),
    chunks,
    text: chunks.map((c) => c.text).join(''),
  };
}

describe('CSV export', () => {
  it('writes a header and every row of the filter in the grid order, values as the view holds them', async () => {
    const { rows: count, text } = await exportText({
      focus_group_id: 'pe_healthcare',
      sort: 'annual_revenue_usd',
      dir: 'desc',
    });
    const [header, ...rows] = parse(text) as string[][];
    const repo = createOrganizationRepository(db);
    expect(header).toEqual(repo.columns);
    const page = repo.query(
      orgQuery.parse({
        focus_group_id: 'pe_healthcare',
        sort: 'annual_revenue_usd',
        dir: 'desc',
        limit: 500,
      }),
    );
    expect(count).toBe(page.rows.length);
    expect(rows.map((r) => r[0])).toEqual(page.rows.map((r) => r.organization_id));
    const cell = (row: string[], column: string) => row[header!.indexOf(column)];
    rows.forEach((row, i) => {
      const source = page.rows[i]!;
      expect(cell(row, 'legal_name')).toBe(source.legal_name);
      expect(cell(row, 'hipaa_certified')).toBe(String(source.hipaa_certified));
      expect(JSON.parse(cell(row, 'fda_clearances')!)).toEqual(source.fda_clearances);
      expect(cell(row, 'plant_count')).toBe('');
      expect(Number(cell(row, 'annual_revenue_usd'))).toBe(source.annual_revenue_usd);
    });
  });

  it('exports every organization when there is no filter, in chunks of the requested size', async () => {
    const { rows, chunks, text } = await exportText({});
    expect(rows).toBe(350);
    expect(chunks.map((c) => c.rows)).toEqual([0, ...Array<number>(8).fill(40), 30]);
    expect((parse(text) as string[][]).length).toBe(351);
  });

  it('writes JSON of the chosen columns in their order, typed values, in any sort', async () => {
    const repo = createOrganizationRepository(db);
    const positions = createPositionReader(db, repo);
    const request = orgExport.parse({
      format: 'json',
      sort: 'bed_count',
      dir: 'desc',
      where: [{ column: 'hipaa_certified', op: 'is', value: true }],
      columns: ['legal_name', 'bed_count', 'hipaa_certified', 'fda_clearances'],
    });
    const chunks = await exportChunks({ columns: repo.columns, scan: positions.scan }, request, 25);
    const objects = JSON.parse(chunks.map((c) => c.text).join('')) as Record<string, unknown>[];
    expect(chunks.reduce((sum, c) => sum + c.rows, 0)).toBe(objects.length);
    const { rows, total } = positions.rows({ ...request, start: 0, count: 500 });
    expect(objects).toHaveLength(total);
    expect(objects.length).toBeGreaterThan(0);
    objects.forEach((object, i) => {
      expect(Object.keys(object)).toEqual(request.columns);
      const source = rows[i]!;
      expect(object).toEqual({
        legal_name: source.legal_name,
        bed_count: source.bed_count,
        hipaa_certified: true,
        fda_clearances: source.fda_clearances,
      });
    });
  });

  it('starts a part at its first row, read by seeking there, and writes the same rows as the grid shows there', async () => {
    const repo = createOrganizationRepository(db);
    const positions = createPositionReader(db, repo);
    const source = { columns: repo.columns, scan: positions.scan };
    const sorts = [
      { sort: 'legal_name', dir: 'asc' },
      { sort: 'employee_count', dir: 'desc' },
      { sort: 'annual_revenue_usd', dir: 'asc', status: 'active' },
      { sort: 'bed_count', dir: 'desc' },
    ];
    // Each order twice: stepped from its first key, then from the anchors the grid builds for it.
    for (const [selection, anchored] of sorts.flatMap(
      (sort) =>
        [
          [sort, false],
          [sort, true],
        ] as const,
    )) {
      if (anchored) positions.prepare(orgSelection.parse(selection));
      for (const [start, limit] of [
        [0, 7],
        [1, 40],
        [201, 30],
        [340, 100],
        [350, 5],
        [999, 1],
      ] as const) {
        const request = orgExport.parse({
          ...selection,
          format: 'json',
          columns: ['organization_id'],
          start,
          limit,
        });
        const expected = positions
          .rows({ ...request, start, count: limit })
          .rows.map((r) => r.organization_id);
        // The first chunk the engine hands over already begins at the part's first row.
        const [first] = exportRows(source, request, 10);
        expect(first?.[0]?.[0] ?? null, JSON.stringify(request)).toBe(expected[0] ?? null);
        const chunks = await exportChunks(source, request, 10);
        const written = (JSON.parse(chunks.map((c) => c.text).join('')) as { organization_id: string }[]).map(
          (o) => o.organization_id,
        );
        expect(written, JSON.stringify(request)).toEqual(expected);
      }
    }
  });

  it('writes an empty JSON array when nothing matches, and refuses an unknown column before writing', async () => {
    const repo = createOrganizationRepository(db);
    const source = { columns: repo.columns, scan: createPositionReader(db, repo).scan };
    const none = orgExport.parse({ format: 'json', search: 'no such organization anywhere' });
    expect((await exportChunks(source, none)).map((c) => c.text).join('')).toBe('[\n]\n');
    const unknown = orgExport.parse({ columns: ['legal_name', 'nope'] });
    await expect(exportChunks(source, unknown)).rejects.toThrow('Unknown column to export: nope');
  });
});
