import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { failure, ok } from './test/results';

const engines = storageEngines();
const folder = mkdtempSync(join(tmpdir(), 'sector-studio-assessments-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const codes = [
  'data_infrastructure',
  'ai_governance',
  'technology_stack',
  'talent',
  'leadership',
  'use_case_portfolio',
  'culture',
];
const scores = (value: number) => Object.fromEntries(codes.map((c) => [c, value]));
const assessment = { ...scores(80), talent_concentration: 0.2, assessed_on: '2026-11-30' };

describe.each(engines)('assessments entered with organizations on $name', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });

  async function seeded(): Promise<Backend> {
    const backend = await createBackend({ dbFile: await engine.newDatabase() });
    open.push(backend);
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    await ok(backend.invoke('seed:weightsCalibrations', {}));
    return backend;
  }

  const acme = { focus_group_id: 'pe_technology', legal_name: 'Acme Robotics Inc.', annual_revenue_usd: 1e6 };

  it.skipIf(engine.skip)('adds an organization with its assessment, edits it, clears it', async () => {
    const b = await seeded();
    const fields = await ok(b.invoke('orgs:fields', {}));
    expect(fields.filter((f) => f.assessment).map((f) => f.label)).toEqual([
      'Data Infrastructure',
      'AI Governance',
      'Technology Stack',
      'Talent',
      'Leadership',
      'Use Case Portfolio',
      'Culture',
      'Talent concentration (TC)',
      'Assessed on',
    ]);
    const { row } = await ok(b.invoke('orgs:add', { values: { ...acme, ...assessment } }));
    expect(row).toMatchObject(assessment);
    const id = row.organization_id as string;
    // An even profile under the threshold: V^R = D = 80.
    expect(await ok(b.invoke('scores:breakdown', { organization_id: id }))).toMatchObject({
      vr: 80,
      talent_concentration: 0.2,
      assessed_on: '2026-11-30',
    });

    const edited = await ok(
      b.invoke('orgs:update', {
        organization_id: id,
        version: row.updated_at as string,
        values: { data_infrastructure: 20.25, talent_concentration: 0.9 },
      }),
    );
    expect(edited.status).toBe('saved');
    const after = edited.status === 'saved' ? edited.row : row;
    expect(after).toMatchObject({ data_infrastructure: 20.25, talent_concentration: 0.9, culture: 80 });
    expect(after.updated_at! > row.updated_at!).toBe(true);
    const breakdown = await ok(b.invoke('scores:breakdown', { organization_id: id }));
    expect(breakdown.vr).toBeLessThan(80);
    expect(breakdown.dimensions.find((d) => d.dimension_code === 'data_infrastructure')?.score).toBe(20.25);

    // An edit of the assessment on the old version is a conflict like any other.
    expect(
      await ok(
        b.invoke('orgs:update', {
          organization_id: id,
          version: row.updated_at as string,
          values: { talent: 1 },
        }),
      ),
    ).toMatchObject({ status: 'conflict', current: { data_infrastructure: 20.25 } });

    const cleared = await ok(
      b.invoke('orgs:update', {
        organization_id: id,
        version: after.updated_at as string,
        values: Object.fromEntries(Object.keys(assessment).map((k) => [k, null])),
      }),
    );
    expect(cleared.status === 'saved' && cleared.row).toMatchObject({ talent: null, assessed_on: null });
    expect((await failure(b.invoke('scores:breakdown', { organization_id: id }))).message).toMatch(
      /no complete assessment/,
    );
  });

  it.skipIf(engine.skip)(
    'refuses a partial assessment or a value the database refuses, at its field',
    async () => {
      const b = await seeded();
      const partial = await failure(b.invoke('orgs:add', { values: { ...acme, ...scores(50) } }));
      expect(partial).toMatchObject({ code: 'INVALID_INPUT', field: 'talent_concentration' });
      expect(partial.message).toBe(
        'Talent concentration (TC) is required: an assessment has all 7 dimension scores, TC and the date, or none of them',
      );
      for (const [values, field, message] of [
        [{ talent: 50.125 }, 'talent', 'Talent has too many decimals: at most 2'],
        [{ culture: 100.01 }, 'culture', 'Culture is out of range: from 0 to 100'],
        [{ talent_concentration: 0.12345 }, 'talent_concentration', 'has too many decimals: at most 4'],
        [{ assessed_on: '2026-02-30' }, 'assessed_on', 'Assessed on must be a day of the calendar'],
      ] as const) {
        const error = await failure(b.invoke('orgs:add', { values: { ...acme, ...assessment, ...values } }));
        expect(error).toMatchObject({ code: 'INVALID_INPUT', field });
        expect(error.message).toContain(message);
      }
      expect(await ok(b.invoke('orgs:query', { limit: 10, offset: 0 }))).toMatchObject({ total: 0 });
      const { row } = await ok(b.invoke('orgs:add', { values: acme }));
      const edit = await failure(
        b.invoke('orgs:update', {
          organization_id: row.organization_id as string,
          version: row.updated_at as string,
          values: { talent: 40 },
        }),
      );
      expect(edit).toMatchObject({ code: 'INVALID_INPUT', field: 'data_infrastructure' });
    },
  );

  it.skipIf(engine.skip)('Undo of a delete brings the assessment back', async () => {
    const b = await seeded();
    const { row } = await ok(b.invoke('orgs:add', { values: { ...acme, ...assessment } }));
    const deleted = await ok(b.invoke('orgs:delete', { ids: [row.organization_id as string] }));
    await ok(b.invoke('orgs:restore', { rows: deleted.rows }));
    expect(await ok(b.invoke('orgs:get', { organization_id: row.organization_id as string }))).toMatchObject(
      assessment,
    );
  });

  it.skipIf(engine.skip)(
    'imports assessment columns: whole rows in, partial rows out with the reason',
    async () => {
      const b = await seeded();
      const header = ['legal_name', 'focus_group_id', ...codes, 'talent_concentration', 'assessed_on'];
      const lines = [
        header.join(','),
        ['Complete', 'pe_retail', ...codes.map(() => '61.5'), '0.3', '2026-10-01'].join(','),
        ['None', 'pe_retail', ...codes.map(() => ''), '', ''].join(','),
        ['Partial', 'pe_retail', '70', ...codes.slice(1).map(() => ''), '0.3', '2026-10-01'].join(','),
        [
          'Three decimals',
          'pe_retail',
          '70.125',
          ...codes.slice(1).map(() => '70'),
          '0.3',
          '2026-10-01',
        ].join(','),
      ];
      const path = join(folder, `${engine.name}-assessed.csv`);
      writeFileSync(path, `${lines.join('\n')}\n`);
      const opened = await b.openImportFile(path);
      expect(opened.mapping).toEqual(header);
      const request = { import_id: opened.import_id, mapping: opened.mapping, valid_rows: true };
      const preview = await ok(b.invoke('orgs:importPreview', request));
      expect(preview).toMatchObject({ rows: 4, valid: 2, invalid: 2 });
      expect(preview.sample[0]).toMatchObject({
        legal_name: 'Complete',
        talent: 61.5,
        assessed_on: '2026-10-01',
      });
      const reasons = preview.problems.map((p) => `${p.row} ${p.column}: ${p.reason}`);
      expect(reasons).toContain(
        '4 ai_governance, technology_stack, talent, leadership, use_case_portfolio, culture: are required: an assessment has all 7 dimension scores, TC and the date, or none of them',
      );
      expect(reasons).toContain('5 data_infrastructure: has too many decimals: at most 2');
      expect(reasons.filter((r) => r.startsWith('5 '))).toHaveLength(1);

      const summary = await ok(b.invoke('orgs:import', request));
      expect(summary).toMatchObject({ applied: true, inserted: 2, rejected: 2 });
      const ranking = await ok(b.invoke('scores:ranking', { focus_group_id: 'pe_retail' }));
      expect(ranking).toMatchObject({ assessed: 1, unassessed: 1 });
      expect(ranking.top[0]).toMatchObject({ legal_name: 'Complete' });

      // An update whose assessment cells are empty removes the assessment; one without the columns keeps it.
      const id = ranking.top[0]?.organization_id ?? '';
      const update = join(folder, `${engine.name}-cleared.csv`);
      writeFileSync(
        update,
        `organization_id,${header.join(',')}\n${id},Complete,pe_retail${','.repeat(9)}\n`,
      );
      const again = await b.openImportFile(update);
      expect(
        await ok(
          b.invoke('orgs:import', { import_id: again.import_id, mapping: again.mapping, existing: 'update' }),
        ),
      ).toMatchObject({ applied: true, updated: 1 });
      expect(await ok(b.invoke('scores:ranking', { focus_group_id: 'pe_retail' }))).toMatchObject({
        assessed: 0,
      });
    },
  );

  it.skipIf(engine.skip)(
    'imports an Excel workbook with assessment columns: numbers and a date cell',
    async () => {
      const b = await seeded();
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Companies');
      sheet.addRow(['Legal name', 'Sector', ...codes, 'Talent concentration (TC)', 'Assessed on']);
      sheet.addRow([
        'Workbook Co',
        'Healthcare',
        ...codes.map((_, i) => 50 + i),
        0.4,
        new Date('2026-08-15T00:00:00Z'),
      ]);
      const path = join(folder, `${engine.name}-assessed.xlsx`);
      writeFileSync(path, new Uint8Array(await book.xlsx.writeBuffer()));
      const opened = await b.openImportFile(path);
      expect(opened.mapping).toEqual([
        'legal_name',
        'sector_name',
        ...codes,
        'talent_concentration',
        'assessed_on',
      ]);
      expect(
        await ok(b.invoke('orgs:import', { import_id: opened.import_id, mapping: opened.mapping })),
      ).toMatchObject({
        applied: true,
        inserted: 1,
      });
      const ranking = await ok(b.invoke('scores:ranking', { focus_group_id: 'pe_healthcare' }));
      const id = ranking.top[0]?.organization_id ?? '';
      expect(await ok(b.invoke('orgs:get', { organization_id: id }))).toMatchObject({
        data_infrastructure: 50,
        culture: 56,
        talent_concentration: 0.4,
        assessed_on: '2026-08-15',
      });
    },
  );
});
