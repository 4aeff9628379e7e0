import { describe, expect, it } from 'vitest';
import {
  SECTOR_CONFIG_FORMAT,
  type ConfigVersion,
  type Dimension,
  type SectorConfigJson,
} from '../../../../shared/domain';
import { readAsOf } from './as-of-input';
import { parseCalibration } from './calibration-input';
import { compareRows } from './compare';
import { dayNumber, dayText, timelineSeries } from './history';
import { calibrationText } from './labels';
import { saveOutcome } from './save-conflict';
import { initialDraft, rebalanceDraft, summarize, typeInto } from './weights-form';

const dimensions: Dimension[] = [
  { dimension_id: 'pe_dim_talent', dimension_code: 'talent', dimension_name: 'Talent', display_order: 2 },
  {
    dimension_id: 'pe_dim_data_infra',
    dimension_code: 'data_infrastructure',
    dimension_name: 'Data',
    display_order: 1,
  },
];

function config(
  id: string,
  weights: Record<string, number>,
  calibrations: Record<string, number>,
): SectorConfigJson {
  return {
    format: SECTOR_CONFIG_FORMAT,
    focus_group_id: id,
    group_name: id.toUpperCase(),
    group_code: id,
    as_of: null,
    dimension_weights: weights,
    dimension_ids: {},
    calibrations,
    h_r_baseline: 75,
    ebitda_multiplier: 1,
    position_factor_delta: 0.15,
    talent_concentration_threshold: 0.25,
    weights_sum: 1,
    weights_valid: true,
  };
}

describe('the weights form', () => {
  const start = () =>
    initialDraft([
      { code: 'a', name: 'A', weight: 0.5, versionId: 11 },
      { code: 'b', name: 'B', weight: 0.3, versionId: 12 },
      { code: 'c', name: 'C', weight: 0.2, versionId: 13 },
    ]);

  it('accepts 0.10 as typed and keeps a live sum', () => {
    const draft = typeInto(start(), 'a', '0.10');
    const summary = summarize(draft);
    expect(summary.parsed.get('a')).toEqual({ ok: true, value: 0.1 });
    expect(summary.sum).toBe(0.6);
    expect(summary.sumsToOne).toBe(false);
    expect(summary.changed).toEqual([{ dimension_code: 'a', weight: 0.1, weight_id: 11 }]);
  });

  it("marks the sum with the seed's rule, as the backend's weights_valid does (issue 21)", () => {
    const summing = (c: string) => summarize(typeInto(start(), 'c', c));
    // 0.5 + 0.3 + c: the sums 0.999, 0.9995, 1.000, 1.0005 and 1.001.
    const sums = ['0.199', '0.1995', '0.2', '0.2005', '0.201'].map((c) => {
      const summary = summing(c);
      return [summary.sum, summary.sumsToOne];
    });
    // A weight has three decimals (DECIMAL(4,3)): 0.1995 and 0.2005 cannot be typed, so no sum shows.
    expect(sums).toEqual([
      [0.999, false],
      [null, false],
      [1, true],
      [null, false],
      [1.001, false],
    ]);
  });

  it('saves only the weights typed over, each with the version it showed', () => {
    // An untouched weight is not sent: saving it back would undo a colleague's change to it.
    const draft = typeInto(typeInto(start(), 'b', '0.35'), 'c', '0.2');
    expect(summarize(draft).changed).toEqual([{ dimension_code: 'b', weight: 0.35, weight_id: 12 }]);
  });

  it("on a colleague's save first, shows the conflict and reloads; other errors only show", () => {
    const message =
      'AI Governance was changed to 0.250 by someone else while you were editing; nothing was saved. The new value is shown.';
    expect(saveOutcome({ ok: false, error: { code: 'CONFLICT', message } })).toEqual({
      kind: 'conflict',
      message,
    });
    // A wait for the lock that ran out, or the analyst's Cancel: the form says so beside its fields.
    expect(saveOutcome({ ok: false, error: { code: 'BUSY', message: 'Try again' } })).toEqual({
      kind: 'in place',
    });
    expect(saveOutcome({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled' } })).toEqual({
      kind: 'in place',
    });
    expect(saveOutcome({ ok: false, error: { code: 'DB_ERROR', message: 'Disk full' } })).toEqual({
      kind: 'failed',
      error: { code: 'DB_ERROR', message: 'Disk full' },
    });
    expect(saveOutcome({ ok: true, value: 3 })).toEqual({ kind: 'saved', value: 3 });
  });

  it('marks what is not a weight, and has no sum until it is fixed', () => {
    const summary = summarize(typeInto(typeInto(start(), 'a', '1.5'), 'b', '0.1234'));
    expect(summary.parsed.get('a')).toEqual({ ok: false, error: 'Between 0 and 1' });
    expect(summary.parsed.get('b')).toEqual({ ok: false, error: 'At most 3 decimals' });
    expect(summary.valid).toBe(false);
    expect(summary.sum).toBeNull();
  });

  it('rebalances the weights not typed into, keeping the typed ones', () => {
    const next = rebalanceDraft(typeInto(start(), 'a', '.6'));
    if ('error' in next) throw new Error(next.error);
    expect(next.rows.map((r) => r.text)).toEqual(['0.600', '0.240', '0.160']);
    expect(summarize(next).sumsToOne).toBe(true);
    // Every field typed into: the one typed longest ago gives way.
    const all = typeInto(typeInto(typeInto(start(), 'a', '0.5'), 'b', '0.4'), 'c', '0.3');
    const balanced = rebalanceDraft(all);
    if ('error' in balanced) throw new Error(balanced.error);
    expect(balanced.rows.map((r) => r.text)).toEqual(['0.300', '0.400', '0.300']);
    expect(rebalanceDraft(typeInto(start(), 'a', 'x'))).toEqual({
      error: 'Fix the weights marked in red first',
    });
  });
});

describe('calibration input', () => {
  it('takes up to four decimals within the CHECK range', () => {
    expect(parseCalibration('1.10')).toEqual({ ok: true, value: 1.1 });
    expect(parseCalibration('1.12345')).toEqual({ ok: false, error: 'At most 4 decimals' });
    expect(parseCalibration('1000000')).toEqual({ ok: false, error: 'Between -1,000,000 and 1,000,000' });
  });

  it('names calibrations as analysts say them', () => {
    expect(calibrationText('h_r_baseline')).toBe('HR baseline');
    expect(calibrationText('grid_resilience')).toBe('Grid resilience');
  });
});

describe('comparing sectors', () => {
  it('marks values a standard deviation or more from the cross-sector mean, for weights and calibrations', () => {
    const rows = compareRows(
      [
        config(
          'pe_a',
          { talent: 0.2, data_infrastructure: 0.3 },
          { h_r_baseline: 70, governance_minimum: 60 },
        ),
        config('pe_b', { talent: 0.1, data_infrastructure: 0.31 }, { h_r_baseline: 80 }),
        config('pe_c', { talent: 0.15, data_infrastructure: 0.29 }, { h_r_baseline: 75 }),
      ],
      dimensions,
    );
    expect(rows.map((r) => `${r.kind}:${r.key}`)).toEqual([
      'weight:data_infrastructure',
      'weight:talent',
      'calibration:h_r_baseline',
      'calibration:ebitda_multiplier',
      'calibration:position_factor_delta',
      'calibration:talent_concentration_threshold',
      'calibration:governance_minimum',
    ]);
    const talent = rows[1]!;
    expect(talent.mean).toBe(0.15);
    expect(talent.spread).toBeCloseTo(0.0408, 4);
    expect(talent.cells.map((c) => [c.difference, c.mark])).toEqual([
      [0.05, 'above'],
      [-0.05, 'below'],
      [0, null],
    ]);
    // 0.30, 0.31, 0.29: the first sits on the mean, the others more than a deviation (0.008) away.
    expect(rows[0]!.cells.map((c) => c.mark)).toEqual([null, 'above', 'below']);
    // A calibration only some sectors define: the mean is theirs, the others show no value.
    const governance = rows[6]!;
    expect(governance.mean).toBe(60);
    expect(governance.cells.map((c) => c.value)).toEqual([60, null, null]);
    expect(rows[3]!.cells.every((c) => c.value === null)).toBe(true);
  });
});

describe('the history timeline', () => {
  const version = (
    id: number,
    key: string,
    value: number,
    from: string,
    to: string | null,
  ): ConfigVersion => ({
    version_id: id,
    kind: 'weight',
    key,
    label: key,
    value,
    effective_from: from,
    effective_to: to,
    is_current: to === null,
    rationale: null,
    change_set_id: id,
    made_at: `${from}T00:00:00.000Z`,
    author: null,
  });

  it('draws each item as steps from each version to today', () => {
    const series = timelineSeries(
      [
        version(1, 'talent', 0.22, '2024-01-01', '2025-02-10'),
        version(2, 'talent', 0.25, '2025-02-10', null),
      ],
      'weight',
      '2025-06-01',
    );
    expect(series).toEqual([
      {
        key: 'talent',
        label: 'talent',
        points: [
          { x: dayNumber('2024-01-01'), y: 0.22 },
          { x: dayNumber('2025-02-10'), y: 0.25 },
          { x: dayNumber('2025-06-01'), y: 0.25 },
        ],
      },
    ]);
    expect(dayText(dayNumber('2025-02-10'))).toBe('2025-02-10');
  });
});

describe('the "as of" fields', () => {
  const now = new Date('2026-12-04T15:30:00.000Z');
  const first = '2024-01-01T00:00:00.000Z';
  const read = (date: string, time = '') => readAsOf({ date, time }, first, now);

  it('read a day, a day and a local time, or nothing (now)', () => {
    expect(read('')).toEqual({ ok: true, asOf: null });
    expect(read('2024-12-31')).toEqual({ ok: true, asOf: '2024-12-31' });
    const moment = read('2026-12-04', '09:15');
    expect(moment.ok && moment.asOf).toMatch(/^2026-12-04T09:15(Z|[+-]\d\d:\d\d)$/);
  });

  it('say beside the field why a value is refused, and never fall back to today', () => {
    expect(read('02/30/2025')).toEqual({
      ok: false,
      field: 'date',
      error: 'Write the day as YYYY-MM-DD, e.g. 2024-12-31',
    });
    expect(read('2025-02-30')).toEqual({
      ok: false,
      field: 'date',
      error: '2025-02-30 is not a day of the calendar',
    });
    expect(read('2026-12-05')).toEqual({ ok: false, field: 'date', error: '2026-12-05 is in the future' });
    expect(read('2023-12-31')).toEqual({
      ok: false,
      field: 'date',
      error: 'Before the first version (2024-01-01): nothing was in force yet',
    });
    expect(read('2026-12-04', '3pm')).toEqual({
      ok: false,
      field: 'time',
      error: 'Write the time as HH:MM (24-hour clock), e.g. 15:30',
    });
    expect(read('2026-12-04', '25:00')).toEqual({
      ok: false,
      field: 'time',
      error: '25:00 is not a time of day',
    });
    expect(read('', '10:00')).toEqual({ ok: false, field: 'date', error: 'Give the day of that time' });
  });
});
