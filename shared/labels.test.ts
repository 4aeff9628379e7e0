import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessmentLabels, attributeLabels, columnLabel, fixedDecimals, organizationLabels } from './labels';

interface ReferenceColumns {
  organization_columns: [string, string][];
  dimensions: { dimension_code: string }[];
  attribute_tables: Record<string, { columns: [string, string][] }>;
}

// Read as plain JSON, so that a column added to the reference without a label fails here.
const reference = JSON.parse(
  readFileSync(new URL('../db/seed/pe-org-air-config.json', import.meta.url), 'utf8'),
) as ReferenceColumns;

describe('column labels', () => {
  it('labels every organizations column of the reference configuration', () => {
    const columns = reference.organization_columns.map(([name]) => name);
    expect(columns.length).toBeGreaterThan(15);
    expect(columns.filter((name) => !organizationLabels[name])).toEqual([]);
  });

  it('labels every attribute column of every sector table', () => {
    const columns = Object.values(reference.attribute_tables).flatMap((t) => t.columns.map(([name]) => name));
    expect(columns.length).toBeGreaterThan(60);
    expect(columns.filter((name) => !attributeLabels[name])).toEqual([]);
    // No stale labels for columns the reference no longer has.
    expect(Object.keys(attributeLabels).filter((name) => !columns.includes(name))).toEqual([]);
  });

  it('labels every dimension score and Org-AI-R column, scores with two decimals and TC with four', () => {
    const columns = [
      ...reference.dimensions.map((d) => d.dimension_code),
      'talent_concentration',
      'assessed_on',
      'vr',
      'hr',
      'synergy',
      'org_air',
    ];
    expect(Object.keys(assessmentLabels)).toEqual(columns);
    expect(columnLabel('org_air')).toBe('Org-AI-R');
    expect([
      fixedDecimals('org_air'),
      fixedDecimals('culture'),
      fixedDecimals('talent_concentration'),
    ]).toEqual([2, 2, 4]);
    expect([fixedDecimals('assessed_on'), fixedDecimals('annual_revenue_usd')]).toEqual([null, null]);
  });

  it('says the lab names as an analyst reads them, and falls back to the column name', () => {
    expect(columnLabel('it_ot_integration')).toBe('IT/OT integration');
    expect(columnLabel('scada_vendor')).toBe('SCADA vendor');
    expect(columnLabel('aum_billions')).toBe('AUM (billions)');
    expect(columnLabel('ehr_system')).toBe('EHR system');
    expect(columnLabel('sector_name')).toBe('Sector');
    expect(columnLabel('added_later')).toBe('added_later');
  });
});
