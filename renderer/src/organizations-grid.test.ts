import { describe, expect, it } from 'vitest';
import { httpRoutes } from '../../shared/contract';
import type { Sector } from '../../shared/domain';
import { exportFileName, type OrgColumn } from '../../shared/org-query';
import { cellText, describeValue } from './sections/organizations/cell-text';
import { describeFilter } from './sections/organizations/FilterChips';
import { filterFromDraft } from './sections/organizations/filter-draft';
import { gridColumns, keyGroup, scoreGroup } from './sections/organizations/grid-columns';
import { showValue } from './sections/organizations/grid/cell-format';
import { nextCell, rangeOf, toTsv } from './sections/organizations/grid/keys';
import { describeSpan } from './sections/organizations/row-position';
import { copyText, defaultCopy } from './sections/organizations/grid/copy-text';
import {
  MAX_SCROLL_HEIGHT,
  realTop,
  revealOffset,
  scrollGeometry,
} from './sections/organizations/grid/scaled-scroll';
import {
  defaultView,
  isShown,
  moveColumn,
  orderedColumns,
  readView,
  showColumns,
  visibleColumns,
} from './sections/organizations/view-state';

const described: OrgColumn[] = [
  ['organization_id', 'text', null],
  ['legal_name', 'text', null],
  ['ticker_symbol', 'text', null],
  ['employee_count', 'integer', null],
  ['annual_revenue_usd', 'decimal', null],
  ['status', 'text', null],
  ['sector_name', 'text', null],
  ['plant_count', 'integer', 'pe_manufacturing'],
  ['store_count', 'integer', 'pe_retail'],
  ['loyalty_program', 'boolean', 'pe_retail'],
].map(([name, kind, sector]) => ({
  name: name as string,
  kind: kind as OrgColumn['kind'],
  scale: kind === 'decimal' ? 2 : null,
  focus_group_id: sector ?? null,
  band: null,
  sort: 'index',
}));
const sectors = [
  { focus_group_id: 'pe_manufacturing', group_name: 'Manufacturing' },
  { focus_group_id: 'pe_retail', group_name: 'Retail & Consumer' },
] as Sector[];
const columns = gridColumns(described, sectors);
const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('organizations grid columns', () => {
  it('puts the key facts first, then identifiers, then each sector’s attributes, with human labels', () => {
    expect(names(columns)).toEqual([
      'legal_name',
      'sector_name',
      'status',
      'annual_revenue_usd',
      'employee_count',
      'organization_id',
      'ticker_symbol',
      'plant_count',
      'store_count',
      'loyalty_program',
    ]);
    expect(columns[3]).toMatchObject({ label: 'Annual revenue (USD)', group: keyGroup });
    expect(columns.at(-1)).toMatchObject({ label: 'Loyalty program', group: 'Retail & Consumer' });
  });

  it('bands the assessment and its scores as Org-AI-R after the key facts, the score first, the inputs hidden', () => {
    const scored = gridColumns(
      [
        ...described,
        ...[
          'data_infrastructure',
          'talent_concentration',
          'assessed_on',
          'vr',
          'hr',
          'synergy',
          'org_air',
        ].map((name): OrgColumn => ({
          name,
          kind: name === 'assessed_on' ? 'text' : 'decimal',
          scale: name === 'assessed_on' ? null : name === 'talent_concentration' ? 4 : 2,
          focus_group_id: null,
          band: 'org_air',
          sort: 'sorted-once',
        })),
      ],
      sectors,
    );
    const band = scored.filter((c) => c.group === scoreGroup);
    expect(names(band)).toEqual([
      'org_air',
      'vr',
      'hr',
      'synergy',
      'data_infrastructure',
      'talent_concentration',
      'assessed_on',
    ]);
    expect(band.map((c) => c.label).slice(0, 4)).toEqual(['Org-AI-R', 'Vᴿ', 'Hᴿ', 'Synergy']);
    expect(scored.indexOf(band[0] as (typeof scored)[number])).toBe(5);
    expect(names(visibleColumns(scored, defaultView)).filter((n) => band.some((c) => c.name === n))).toEqual([
      'org_air',
      'vr',
      'hr',
      'synergy',
    ]);
    expect(showValue('org_air', 65.7)).toMatchObject({ text: '65.70', kind: 'number' });
    expect(showValue('talent_concentration', 0.25)).toMatchObject({ text: '0.2500', kind: 'number' });
  });

  it('keeps a view’s order, appends columns it does not know, and always pins the name first', () => {
    const view = readView({ order: ['plant_count', 'legal_name', 'gone', 'status'], hidden: ['status'] });
    expect(names(orderedColumns(columns, view)).slice(0, 4)).toEqual([
      'legal_name',
      'plant_count',
      'status',
      'sector_name',
    ]);
    expect(names(visibleColumns(columns, view))).not.toContain('status');
    expect(moveColumn(columns, view, 'store_count', 'plant_count').slice(0, 2)).toEqual([
      'store_count',
      'plant_count',
    ]);
    expect(moveColumn(columns, view, 'plant_count', null).at(-1)).toBe('plant_count');
  });

  it('within one sector shows the core columns and that sector’s attributes, the others brought back on demand', () => {
    const retail = { ...defaultView, focus_group_id: 'pe_retail' };
    const shown = names(visibleColumns(columns, retail));
    expect(shown).toEqual(expect.arrayContaining(['legal_name', 'status', 'store_count', 'loyalty_program']));
    expect(shown).not.toContain('plant_count');
    // Another sector's column comes back from the Columns panel, and hides again.
    const plant = columns.filter((c) => c.name === 'plant_count');
    const back = { ...retail, ...showColumns(retail, plant, true) };
    expect(names(visibleColumns(columns, back))).toContain('plant_count');
    const again = { ...back, ...showColumns(back, plant, false) };
    expect(names(visibleColumns(columns, again))).not.toContain('plant_count');
    // Hidden again only for the sector filter: without it, it shows.
    expect(names(visibleColumns(columns, { ...again, focus_group_id: null }))).toContain('plant_count');
    // Without a sector filter every column shows, and showing all lists nothing extra.
    expect(visibleColumns(columns, defaultView)).toHaveLength(columns.length);
    expect(showColumns({ ...defaultView, hidden: [] }, columns, true)).toEqual({ hidden: [], shown: [] });
    expect(
      isShown(
        columns.find((c) => c.name === 'plant_count')!,
        { ...retail, hidden: [] },
      ),
    ).toBe(false);
  });

  it('reads a hand-edited or older stored view without breaking, dropping only what is invalid', () => {
    expect(readView('nonsense').sort).toBe('legal_name');
    const view = readView({
      sort: 'plant_count; DROP TABLE x',
      dir: 'sideways',
      where: [
        { column: 'plant_count', op: 'range', min: 2 },
        { column: 'x', op: 'bogus' },
      ],
      widths: { plant_count: 120 },
    });
    expect(view).toMatchObject({ sort: 'legal_name', dir: 'asc', widths: { plant_count: 120 } });
    expect(view.where).toEqual([{ column: 'plant_count', op: 'range', min: 2 }]);
  });
});

describe('organizations grid keyboard and clipboard', () => {
  const bounds = { rows: 1000, cols: 5, page: 20 };
  it('moves like a spreadsheet and stays inside the grid', () => {
    const at = { row: 10, col: 2 };
    expect(nextCell('ArrowDown', false, at, bounds)).toEqual({ row: 11, col: 2 });
    expect(nextCell('ArrowRight', false, { row: 10, col: 4 }, bounds)).toEqual({ row: 10, col: 4 });
    expect(nextCell('ArrowUp', false, { row: 0, col: 1 }, bounds)).toEqual({ row: -1, col: 1 });
    expect(nextCell('Home', false, at, bounds)).toEqual({ row: 10, col: 0 });
    expect(nextCell('End', true, at, bounds)).toEqual({ row: 999, col: 4 });
    expect(nextCell('PageDown', false, { row: 990, col: 0 }, bounds)).toEqual({ row: 999, col: 0 });
    expect(nextCell('PageUp', false, { row: 5, col: 0 }, bounds)).toEqual({ row: 0, col: 0 });
    expect(nextCell('a', false, at, bounds)).toBeNull();
    expect(rangeOf({ row: 9, col: 3 }, { row: 4, col: 1 })).toEqual({ top: 4, bottom: 9, left: 1, right: 3 });
  });

  it('copies as tab-separated values that a spreadsheet pastes cell by cell', () => {
    expect(
      toTsv([
        ['Acme', '12'],
        ['Tab\there', 'say "hi"'],
      ]),
    ).toBe('Acme\t12\n"Tab\there"\t"say ""hi"""');
    expect(cellText(1234567.5)).toBe('1234567.5');
    expect(cellText(['ISO 9001', 'SCADA'])).toBe('ISO 9001, SCADA');
    expect(cellText(null)).toBe('');
    expect(describeValue(true)).toBe('Yes');
    expect(showValue('annual_revenue_usd', 1234567)).toEqual({
      text: '$1.23 M',
      full: '$1,234,567',
      kind: 'number',
    });
    expect(showValue('founding_year', 1999).text).toBe('1999');
    expect(showValue('x', null)).toEqual({ text: '—', full: null, kind: 'null' });
  });
});

describe('organizations grid position', () => {
  it('says which rows are in sight, as an analyst counts them', () => {
    expect(describeSpan({ first: 1200, last: 1231 }, 8533)).toBe('rows 1,201–1,232 of 8,533');
    // The last screen may reach past the last row.
    expect(describeSpan({ first: 0, last: 30 }, 12)).toBe('rows 1–12 of 12');
    expect(describeSpan(null, 12)).toBeNull();
    expect(describeSpan({ first: 0, last: 0 }, 0)).toBeNull();
  });
});

describe('organizations grid copy', () => {
  const picked = columns.filter((c) =>
    ['legal_name', 'annual_revenue_usd', 'loyalty_program'].includes(c.name),
  );
  const rows = [
    { legal_name: 'Acme, Inc.', annual_revenue_usd: 1_190_000_000, loyalty_program: true },
    { legal_name: 'Blank', annual_revenue_usd: null, loyalty_program: false },
  ];
  it('copies raw TSV without headers by default, as a spreadsheet pastes it', () => {
    expect(copyText(rows, picked, defaultCopy)).toBe('Acme, Inc.\t1190000000\ttrue\nBlank\t\tfalse');
  });
  it('copies with headers, as CSV or JSON, formatted as on screen or raw', () => {
    expect(copyText(rows, picked, { format: 'csv', headers: true, formatted: false })).toBe(
      'legal_name,annual_revenue_usd,loyalty_program\r\n"Acme, Inc.",1190000000,true\r\nBlank,,false',
    );
    expect(copyText(rows, picked, { format: 'tsv', headers: true, formatted: true })).toBe(
      'Legal name\tAnnual revenue (USD)\tLoyalty program\nAcme, Inc.\t$1.19 B\tYes\nBlank\t\tNo',
    );
    expect(JSON.parse(copyText(rows, picked, { format: 'json', headers: false, formatted: false }))).toEqual(
      rows,
    );
    expect(
      JSON.parse(copyText(rows, picked, { format: 'json', headers: false, formatted: true }))[0],
    ).toEqual({
      'Legal name': 'Acme, Inc.',
      'Annual revenue (USD)': '$1.19 B',
      'Loyalty program': 'Yes',
    });
  });
});

describe('organizations grid scrolling', () => {
  it('spans a million rows within the browser’s height limit and maps the thumb to the rows', () => {
    const geometry = scrollGeometry(62 + 1_000_000 * 32, 600);
    expect(geometry.realHeight).toBe(MAX_SCROLL_HEIGHT);
    // The bottom of the real scroll range shows the last rows.
    const bottom = (geometry.realHeight - 600) * geometry.scale;
    expect(bottom + 600).toBeCloseTo(geometry.virtualHeight, 3);
    // A row keeps its place relative to the viewport wherever the thumb is.
    const offset = 16_000_000;
    expect(realTop(offset + 100, offset, geometry) - offset / geometry.scale).toBeCloseTo(100, 6);
    expect(scrollGeometry(62 + 1000 * 32, 600).scale).toBe(1);
    expect(revealOffset(1000, 1032, 0, 600, 62)).toBe(432);
    expect(revealOffset(1000, 1032, 1000, 600, 62)).toBe(938);
    expect(revealOffset(1000, 1032, 900, 600, 62)).toBeNull();
  });
});

describe('organizations filters and export', () => {
  it('turns typed input into the column’s filter, or says what is missing', () => {
    const revenue = columns.find((c) => c.name === 'annual_revenue_usd')!;
    const draft = { text: '', min: '', max: 5000, value: 'yes' as const };
    expect(filterFromDraft(revenue, draft)).toEqual({
      column: 'annual_revenue_usd',
      op: 'range',
      min: null,
      max: 5000,
    });
    expect(filterFromDraft(revenue, { ...draft, max: '' })).toBe('Give a minimum, a maximum or both');
    expect(filterFromDraft(revenue, { ...draft, min: 9000 })).toBe('The minimum is above the maximum');
    const loyalty = columns.find((c) => c.name === 'loyalty_program')!;
    expect(filterFromDraft(loyalty, { ...draft, value: 'no' })).toEqual({
      column: 'loyalty_program',
      op: 'is',
      value: false,
    });
    expect(describeFilter({ column: 'employee_count', op: 'range', min: 50, max: 5000 })).toBe(
      'Employees 50–5,000',
    );
    expect(describeFilter({ column: 'headquarters_city', op: 'contains', text: 'york' })).toBe(
      'HQ city contains “york”',
    );
  });

  it('builds the download URL of a view, lists as JSON and empty filters left out', () => {
    expect(
      httpRoutes.export.encode({
        focus_group_id: null,
        search: '',
        sort: 'legal_name',
        dir: 'asc',
        where: [],
      }),
    ).toBe('/api/export?sort=legal_name&dir=asc');
    const url = httpRoutes.export.encode({
      focus_group_id: 'pe_retail',
      search: 'A&B Co',
      format: 'json',
      where: [{ column: 'store_count', op: 'range', min: 3 }],
      columns: ['legal_name', 'store_count'],
    });
    const params = new URL(url, 'http://host').searchParams;
    expect(params.get('search')).toBe('A&B Co');
    expect(JSON.parse(params.get('where')!)).toEqual([{ column: 'store_count', op: 'range', min: 3 }]);
    expect(JSON.parse(params.get('columns')!)).toEqual(['legal_name', 'store_count']);
    expect(exportFileName({ focus_group_id: 'pe_financial_services' }, 'json')).toBe(
      'organizations-financial_services.json',
    );
  });
});
