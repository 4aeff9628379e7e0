import { describe, expect, it } from 'vitest';
import type { DbStatus, FocusGroup, SchemaInfo } from '../../shared/domain';
import { formatDuration, formatMs } from './format';
import { columnGroups, sectorOfColumn } from './sections/organizations/column-groups';
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

describe('unified view column groups', () => {
  const column = (name: string) => ({ name, type: 'TEXT', notnull: false, pk: false, default_value: null });
  const table = (name: string, columns: string[]) => ({
    name,
    type: 'table' as const,
    columns: columns.map(column),
    row_count: 0,
    sql: '',
  });
  const schema: SchemaInfo = {
    version: 2,
    latest_version: 2,
    indexes: [],
    objects: [
      table('organizations', ['organization_id', 'legal_name']),
      table('org_attributes_manufacturing', ['organization_id', 'ot_systems', 'plant_count']),
      table('org_attributes_retail', ['organization_id', 'store_count']),
    ],
  };
  const sectors = [
    { focus_group_id: 'pe_manufacturing', group_name: 'Manufacturing' },
    { focus_group_id: 'pe_retail', group_name: 'Retail & Consumer' },
  ] as FocusGroup[];

  it('attributes each sector column to its sector, shared names to none', () => {
    const owners = sectorOfColumn(schema, sectors);
    expect(owners.get('ot_systems')).toBe('Manufacturing');
    expect(owners.get('store_count')).toBe('Retail & Consumer');
    expect(owners.has('organization_id')).toBe(false);
  });

  it('groups consecutive columns under one header', () => {
    const owners = sectorOfColumn(schema, sectors);
    expect(columnGroups(['organization_id', 'ot_systems', 'plant_count', 'store_count'], owners)).toEqual([
      { label: 'Organization', span: 1 },
      { label: 'Manufacturing', span: 2 },
      { label: 'Retail & Consumer', span: 1 },
    ]);
  });
});
