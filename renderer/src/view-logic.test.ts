import { describe, expect, it } from 'vitest';
import type { DbStatus, SectorConfigJson } from '../../shared/domain';
import { formatDecimal, formatDuration, formatMs } from './format';
import { weightRows } from './sections/sector-config/weight-rows';
import { missingStep } from './state/prerequisites';

const status: DbStatus = {
  file: '/tmp/x.db',
  cache: { kind: 'embedded', label: 'embedded', warning: null },
  schema_version: 2,
  latest_version: 2,
  focus_groups: 7,
  dimensions: 7,
  weights: 49,
  calibrations: 30,
  organizations: 0,
};

describe('formatting', () => {
  it('shows multipliers as analysts read them without hiding precision', () => {
    expect(formatDecimal(82)).toBe('82');
    expect(formatDecimal(1.1)).toBe('1.10');
    expect(formatDecimal(0.125)).toBe('0.125');
  });

  it('formats latencies and TTLs', () => {
    expect(formatMs(0.0421)).toBe('0.042 ms');
    expect(formatMs(42.25)).toBe('42.3 ms');
    expect(formatDuration(3_599_400)).toBe('59m 59s');
    expect(formatDuration(-5)).toBe('0s');
  });
});

describe('prerequisites', () => {
  it('names the first missing step in the order the lab walks them', () => {
    expect(missingStep({ ...status, schema_version: 0 }, 'weights')?.section).toBe('schema');
    expect(missingStep({ ...status, focus_groups: 0 }, 'weights')?.message).toMatch(/focus groups/);
    expect(missingStep({ ...status, weights: 0 }, 'focusGroups')).toBeNull();
    expect(missingStep({ ...status, weights: 0 }, 'weights')?.message).toMatch(/weights/);
    expect(missingStep(status, 'weights')).toBeNull();
  });
});

describe('weights', () => {
  it('joins weights with dimensions in display order, by code or id', () => {
    const config = {
      dimension_weights: { talent: 0.4, pe_dim_data_infra: 0.6 },
    } as unknown as SectorConfigJson;
    const rows = weightRows(config, [
      { dimension_id: 'pe_dim_talent', dimension_code: 'talent', dimension_name: 'Talent', display_order: 4 },
      {
        dimension_id: 'pe_dim_data_infra',
        dimension_code: 'data_infrastructure',
        dimension_name: 'Data Infrastructure',
        display_order: 1,
      },
    ]);
    expect(rows.map((row) => [row.name, row.code, row.weight])).toEqual([
      ['Data Infrastructure', 'data_infrastructure', 0.6],
      ['Talent', 'talent', 0.4],
    ]);
  });
});
