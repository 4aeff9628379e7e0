import { parse } from 'csv-parse/sync';
import { PassThrough, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { orgExport, orgQuery } from '../shared/contract';
import type { Db } from './connection';
import { exportOrganizationsCsv } from './export';
import { createOrganizationRepository } from './org-repo';
import { insertSampleOrganizations } from './sample-orgs';
import { seededDb } from './test/helpers';

let db: Db;
beforeAll(async () => {
  db = seededDb();
  await insertSampleOrganizations(db, { count: 350, seed: 11 });
});

async function exportText(filter: object, options: Parameters<typeof exportOrganizationsCsv>[3] = {}) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await exportOrganizationsCsv(
    createOrganizationRepository(db),
    orgExport.parse(filter),
    out,
    {
      chunkSize: 40,
      ...options,
    },
  );
  return { result, text: Buffer.concat(chunks).toString('utf8') };
}

describe('CSV export', () => {
  it('gives up on a destination that stops reading once cancelled', async () => {
    const stalled = new Writable({ highWaterMark: 1, write: () => {} });
    const controller = new AbortController();
    const exporting = exportOrganizationsCsv(createOrganizationRepository(db), orgExport.parse({}), stalled, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect(await exporting).toEqual({ rows: 0, cancelled: true });
  });

  it('writes a header and every row of the filter in the grid order, values as the view holds them', async () => {
    const { result, text } = await exportText({
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
    expect(result).toEqual({ rows: page.rows.length, cancelled: false });
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

  it('exports every organization when there is no filter', async () => {
    const { result, text } = await exportText({});
    expect(result.rows).toBe(350);
    expect((parse(text) as string[][]).length).toBe(351);
  });

  it('stops between chunks when cancelled and says so', async () => {
    const controller = new AbortController();
    const { result } = await exportText(
      {},
      {
        signal: controller.signal,
        onProgress: (done) => {
          if (done >= 80) controller.abort();
        },
      },
    );
    expect(result).toEqual({ rows: 80, cancelled: true });
  });
});
