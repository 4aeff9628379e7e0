import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { orgQuery, orgSelection } from '../shared/org-query';
import type { Db } from './connection';
import { csvChunks } from './export';
import { createOrganizationRepository } from './org-repo';
import { insertSampleOrganizations } from './sample-orgs';
import { seededDb } from './test/helpers';

let db: Db;
beforeAll(async () => {
  db = seededDb();
  await insertSampleOrganizations(db, { count: 350, seed: 11 });
});

function exportText(selection: object) {
  const chunks = [...csvChunks(createOrganizationRepository(db), orgSelection.parse(selection), 40)];
  return {
    rows: chunks.reduce((sum, c) => sum + c.rows, 0),
    chunks,
    text: chunks.map((c) => c.text).join(''),
  };
}

describe('CSV export', () => {
  it('writes a header and every row of the filter in the grid order, values as the view holds them', () => {
    const { rows: count, text } = exportText({
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

  it('exports every organization when there is no filter, in chunks of the requested size', () => {
    const { rows, chunks, text } = exportText({});
    expect(rows).toBe(350);
    expect(chunks.map((c) => c.rows)).toEqual([0, ...Array<number>(8).fill(40), 30]);
    expect((parse(text) as string[][]).length).toBe(351);
  });
});
