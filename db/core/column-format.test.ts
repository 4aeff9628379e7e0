import { describe, expect, it } from 'vitest';
import { assessmentColumns } from './assessment-columns';
import { columnCatalog } from './org-filters';
import { columnFormat, formatValue, type ColumnFormat } from '../../shared/column-format';
import type { OrgValue } from '../../shared/domain';

const catalog = [...columnCatalog().values()];
const show = (name: string, value: OrgValue) => {
  const column = catalog.find((c) => c.name === name);
  if (!column) throw new Error(`no column ${name}`);
  return formatValue(columnFormat(column), value);
};

describe('one format per column type of the reference schema', () => {
  it('gives every column of the unified view a rule by its kind, scale and unit', () => {
    const rules = Object.fromEntries(catalog.map((column) => [column.name, columnFormat(column)]));
    const expected: Record<string, ColumnFormat> = {
      annual_revenue_usd: { kind: 'money', unit: 1, decimals: 2 },
      aum_billions: { kind: 'money', unit: 1e9, decimals: 2 },
      total_assets_billions: { kind: 'money', unit: 1e9, decimals: 2 },
      ecommerce_pct: { kind: 'percent', decimals: 2 },
      renewable_pct: { kind: 'percent', decimals: 2 },
      generation_capacity_mw: { kind: 'number', decimals: 2, suffix: ' MW' },
      employee_count: { kind: 'number', decimals: 0, suffix: '' },
      bed_count: { kind: 'number', decimals: 0, suffix: '' },
      founding_year: { kind: 'digits' },
      primary_sic_code: { kind: 'text' },
      hipaa_certified: { kind: 'boolean' },
      ot_systems: { kind: 'list' },
      legal_name: { kind: 'text' },
      org_air: { kind: 'number', decimals: 2, suffix: '' },
      talent_concentration: { kind: 'number', decimals: 4, suffix: '' },
    };
    for (const [name, rule] of Object.entries(expected)) expect(rules[name], name).toEqual(rule);
    // Every number column of the schema is one of the number rules.
    for (const column of catalog.filter((c) => c.kind === 'integer' || c.kind === 'decimal')) {
      expect(['money', 'percent', 'number', 'digits'], column.name).toContain(rules[column.name]?.kind);
    }
    // The reference schema's 92 columns, then the assessment and its scores.
    expect(catalog).toHaveLength(92 + assessmentColumns().length);
  });

  it('writes money with its currency and magnitude, and every digit apart', () => {
    expect(show('aum_billions', 1.19)).toEqual({ text: '$1.19 B', full: '$1,190,000,000', kind: 'number' });
    expect(show('aum_billions', 1190.41).text).toBe('$1.19 T');
    expect(show('annual_revenue_usd', 137_864_864_434)).toEqual({
      text: '$137.86 B',
      full: '$137,864,864,434.00',
      kind: 'number',
    });
    expect(show('annual_revenue_usd', 950).text).toBe('$950.00');
    expect(show('annual_revenue_usd', -2_500_000).text).toBe('-$2.50 M');
  });

  it('gives a column the same decimals on every row, so that right-aligned numbers line up', () => {
    expect(['66.36', '36', '20.8'].map((v) => show('ecommerce_pct', Number(v)).text)).toEqual([
      '66.36%',
      '36.00%',
      '20.80%',
    ]);
    expect(show('generation_capacity_mw', 1234.5).text).toBe('1,234.50 MW');
    expect(show('employee_count', 1234567).text).toBe('1,234,567');
    expect(show('founding_year', 1999).text).toBe('1999');
  });

  it('writes booleans as Yes/No, lists joined, text as it is and NULL as a dash', () => {
    expect(show('hipaa_certified', true)).toMatchObject({ text: 'Yes', kind: 'true' });
    expect(show('hipaa_certified', false)).toMatchObject({ text: 'No', kind: 'false' });
    expect(show('ot_systems', ['SCADA', 'DCS'])).toMatchObject({ text: 'SCADA · DCS', kind: 'list' });
    expect(show('legal_name', 'Acme')).toMatchObject({ text: 'Acme', kind: 'text' });
    expect(show('bed_count', null)).toMatchObject({ text: '—', kind: 'null' });
  });

  it('formats a decimal column the schema gives no scale (a computed score) with two decimals', () => {
    expect(
      formatValue(columnFormat({ name: 'org_air_score', kind: 'decimal', scale: null }), 71.5).text,
    ).toBe('71.50');
  });
});
