import { describe, expect, it } from 'vitest';
import type { DbStatus } from '../../shared/domain';
import { formatDuration, formatMs } from './format';
import { missingStep } from './state/prerequisites';

const status: DbStatus = {
  file: '/tmp/x.db',
  cache: { kind: 'embedded', label: 'embedded', warning: null, unreachable_since: null },
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
    expect(missingStep({ ...status, weights: 0 }, 'sectors')).toBeNull();
    expect(missingStep({ ...status, weights: 0 }, 'weights')?.message).toMatch(/weights/);
    expect(missingStep(status, 'weights')).toBeNull();
  });
});
