import { describe, expect, it } from 'vitest';
import type { OrgPage } from '../../shared/domain';
import { cellText, describeValue } from './sections/organizations/cell-text';
import { columnGroupNames, visibleColumns } from './sections/organizations/column-visibility';
import { exportFileName } from '../../shared/org-query';
import { exportUrl } from './sections/organizations/export-url';
import { lastPageFromReversed } from './sections/organizations/last-page';

describe('organizations grid', () => {
  it('places the last page from the first page of the reversed order', () => {
    const reversed: OrgPage = {
      columns: ['organization_id'],
      rows: [{ organization_id: 'z' }, { organization_id: 'y' }, { organization_id: 'x' }],
      total: 10,
      limit: 3,
      next_cursor: 'key-of-x',
      prev_cursor: null,
    };
    const { page, start } = lastPageFromReversed(reversed);
    expect(page.rows.map((r) => r.organization_id)).toEqual(['x', 'y', 'z']);
    expect(start).toBe(7);
    expect(page.prev_cursor).toBe('key-of-x');
    expect(page.next_cursor).toBeNull();
    // Fewer rows than a page: that page is also the first one.
    expect(lastPageFromReversed({ ...reversed, total: 3, next_cursor: null }).page.prev_cursor).toBeNull();
  });

  it('hides whole column groups but never the name', () => {
    const owners = new Map([
      ['ot_systems', 'Manufacturing'],
      ['charter_type', 'Financial Services'],
    ]);
    const columns = ['legal_name', 'status', 'ot_systems', 'charter_type'];
    expect(columnGroupNames(columns, owners)).toEqual([
      'Organization',
      'Manufacturing',
      'Financial Services',
    ]);
    expect(visibleColumns(columns, owners, ['Manufacturing'])).toEqual([
      'legal_name',
      'status',
      'charter_type',
    ]);
    expect(visibleColumns(columns, owners, ['Organization', 'Financial Services'])).toEqual([
      'legal_name',
      'ot_systems',
    ]);
  });

  it('builds the download URL from the filter, leaving empty filters out', () => {
    expect(
      exportUrl({ focus_group_id: null, status: null, search: null, sort: 'legal_name', dir: 'asc' }),
    ).toBe('/api/export.csv?sort=legal_name&dir=asc');
    expect(
      exportUrl({
        focus_group_id: 'pe_retail',
        status: 'active',
        search: 'A&B Co',
        sort: 'status',
        dir: 'desc',
      }),
    ).toBe('/api/export.csv?focus_group_id=pe_retail&status=active&search=A%26B+Co&sort=status&dir=desc');
    expect(exportFileName({ focus_group_id: 'pe_financial_services' })).toBe(
      'organizations-financial_services.csv',
    );
    expect(exportFileName({})).toBe('organizations-all.csv');
  });

  it('copies values as text and shows them as an analyst reads them', () => {
    expect(cellText(1234567.5)).toBe('1234567.5');
    expect(cellText(['ISO 9001', 'SCADA'])).toBe('ISO 9001, SCADA');
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(describeValue(true)).toBe('Yes');
    expect(describeValue(false)).toBe('No');
    expect(describeValue(null)).toBe('—');
  });
});
