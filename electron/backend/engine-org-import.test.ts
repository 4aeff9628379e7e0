import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { scoreColumns } from '../../db/core/assessment-columns';
import type { ExportRequest } from '../../shared/org-query';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { failure, ok } from './test/results';

const engines = storageEngines();
const folder = mkdtempSync(join(tmpdir(), 'sector-studio-import-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function exportCsv(
  backend: Backend,
  request: ExportRequest = { sort: 'legal_name', dir: 'asc' },
): Promise<string> {
  const chunks: string[] = [];
  const { Writable } = await import('node:stream');
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  await backend.exportOrganizations(request, { stream });
  return chunks.join('');
}

describe.each(engines)('importing organizations on $name', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });

  async function fresh(samples = 0): Promise<Backend> {
    const backend = await createBackend({ dbFile: await engine.newDatabase() });
    open.push(backend);
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    if (samples > 0) await ok(backend.invoke('orgs:insertSample', { count: samples, seed: 5 }));
    return backend;
  }

  function file(name: string, text: string | Buffer): string {
    const path = join(folder, `${engine.name}-${name}`);
    writeFileSync(path, text);
    return path;
  }

  it.skipIf(engine.skip)('round-trips its own CSV export byte for byte into an empty database', async () => {
    const source = await fresh(60);
    await ok(
      source.invoke('orgs:add', {
        values: {
          focus_group_id: 'pe_retail',
          legal_name: '=HYPERLINK("http://evil")',
          display_name: "'-quoted",
          ecommerce_pct: 12.5,
        },
      }),
    );
    // The import takes organizations, their attributes and assessments; the Org-AI-R scores are
    // computed, not imported: the round trip is of every other column.
    const columns = (await ok(source.invoke('orgs:columns', {})))
      .filter((column) => !(scoreColumns as readonly string[]).includes(column.name))
      .map((column) => column.name);
    const request: ExportRequest = { sort: 'legal_name', dir: 'asc', columns };
    const first = await exportCsv(source, request);
    expect(first).toContain(`'=HYPERLINK`);
    const target = await fresh();
    const opened = await target.openImportFile(file('round.csv', first));
    const summary = await ok(
      target.invoke('orgs:import', { import_id: opened.import_id, mapping: opened.mapping }),
    );
    expect(summary).toMatchObject({ applied: true, inserted: 61, rejected: 0 });
    expect(await exportCsv(target, request)).toBe(first);
  });

  it.skipIf(engine.skip)(
    "reads other tools' CSV: BOM, CRLF, quotes, yes/no, thousands, labels as headers",
    async () => {
      const b = await fresh();
      const text =
        '\uFEFFLegal name,Sector,Employees,Cloud native,Annual revenue (USD),notes\r\n' +
        '"Acme, ""the"" firm",Technology,"1,200",yes,"12,500,000.50",x\r\n' +
        '"Multi\r\nline",technology,7,0,,\r\n';
      const opened = await b.openImportFile(file('other.csv', text));
      expect(opened.mapping).toEqual([
        'legal_name',
        'sector_name',
        'employee_count',
        'cloud_native',
        'annual_revenue_usd',
        null,
      ]);
      const summary = await ok(
        b.invoke('orgs:import', { import_id: opened.import_id, mapping: opened.mapping }),
      );
      expect(summary.inserted).toBe(2);
      const page = await ok(b.invoke('orgs:query', { sort: 'legal_name' }));
      expect(
        page.rows.map((r) => [r.legal_name, r.employee_count, r.cloud_native, r.annual_revenue_usd]),
      ).toEqual([
        ['Acme, "the" firm', 1200, true, 12_500_000.5],
        ['Multi\r\nline', 7, false, null],
      ]);
    },
  );

  it.skipIf(engine.skip)(
    'previews every problem, refuses by default, and imports the valid rows when asked',
    async () => {
      const b = await fresh();
      const text =
        'legal_name,focus_group_id,employee_count,bed_count,status\n' +
        'Good,pe_healthcare,10,5,active\n' +
        'Bad number,pe_healthcare,ten,,active\n' +
        ',pe_healthcare,1,,active\n' +
        'Wrong sector,pe_space,1,,active\n' +
        'Not mine,pe_technology,1,4,active\n' +
        'Bad status,pe_healthcare,1,,bogus\n';
      const opened = await b.openImportFile(file('bad.csv', text));
      const options = { import_id: opened.import_id, mapping: opened.mapping };
      const preview = await ok(b.invoke('orgs:importPreview', options));
      expect(preview).toMatchObject({ rows: 6, valid: 1, invalid: 5, inserts: 1 });
      expect(preview.problems).toEqual([
        { row: 3, column: 'employee_count', reason: 'must be a whole number' },
        { row: 4, column: 'legal_name', reason: 'is required' },
        { row: 5, column: 'focus_group_id', reason: 'names an unknown sector: pe_space' },
        { row: 6, column: 'bed_count', reason: 'is an attribute of Healthcare, not of Technology' },
        { row: 7, column: 'status', reason: 'must be one of active, inactive, archived' },
      ]);
      const refused = await ok(b.invoke('orgs:import', options));
      expect(refused).toMatchObject({ applied: false, inserted: 0, rejected: 5 });
      expect((await ok(b.invoke('db:status', {}))).organizations).toBe(0);
      const rejectedPath = refused.rejected_file!;
      expect(rejectedPath).toBe(join(folder, `${engine.name}-bad.rejected.csv`));
      expect(readFileSync(rejectedPath, 'utf8')).toContain('row 3: employee_count: must be a whole number');

      const applied = await ok(b.invoke('orgs:import', { ...options, valid_rows: true }));
      expect(applied).toMatchObject({ applied: true, inserted: 1, rejected: 5 });
      expect(applied.rejected_file).toBe(join(folder, `${engine.name}-bad.rejected-2.csv`));
    },
  );

  it.skipIf(engine.skip)('updates, skips or refuses rows whose id exists', async () => {
    const b = await fresh(5);
    const csv = await exportCsv(b);
    const changed = csv.replace(/,active,/, ',archived,');
    const opened = await b.openImportFile(file('existing.csv', changed));
    const options = { import_id: opened.import_id, mapping: opened.mapping };
    expect(await ok(b.invoke('orgs:import', options))).toMatchObject({ applied: false, rejected: 5 });
    expect(await ok(b.invoke('orgs:import', { ...options, existing: 'skip' }))).toMatchObject({
      applied: true,
      skipped: 5,
    });
    expect(await ok(b.invoke('orgs:import', { ...options, existing: 'update' }))).toMatchObject({
      applied: true,
      updated: 5,
    });
    const page = await ok(b.invoke('orgs:query', { status: 'archived' }));
    expect(page.total).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(engine.skip)('answers every bad file with one sentence and changes nothing', async () => {
    const b = await fresh(3);
    const sentence = async (path: string) => {
      const error = await b.openImportFile(path).then(
        () => null,
        (e: Error) => e.message,
      );
      return error;
    };
    expect(await sentence(file('empty.csv', ''))).toMatch(/is empty \(0 bytes\)/);
    expect(await sentence(file('binary.csv', Buffer.from([1, 2, 0, 4, 5])))).toMatch(/binary file/);
    expect(await sentence(file('dup.csv', 'legal_name,Legal name\nA,B\n'))).toMatch(/both "Legal name"/);
    expect(
      await sentence(file('wide.csv', `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n`)),
    ).toMatch(/10,000 columns/);
    expect(await sentence(file('big-cell.csv', `legal_name\n${'x'.repeat(10_000_000)}\n`))).toBeNull();
    const opened = await b.openImportFile(join(folder, `${engine.name}-big-cell.csv`));
    const bigCell = await failure(
      b.invoke('orgs:importPreview', { import_id: opened.import_id, mapping: opened.mapping }),
    );
    expect(bigCell.message).toMatch(/holds 10,000,000 characters/);
    const headerOnly = await b.openImportFile(file('header.csv', 'legal_name,focus_group_id\n'));
    const none = await failure(
      b.invoke('orgs:import', { import_id: headerOnly.import_id, mapping: headerOnly.mapping }),
    );
    expect(none.message).toMatch(/has a header and no rows/);
    if (engine.name === 'sqlite') expect(await sentence(b.dbFile)).toMatch(/a database this app has open/);
    expect((await ok(b.invoke('db:status', {}))).organizations).toBe(3);
  });
});
