import { describe, expect, it } from 'vitest';
import { historyChart, type HistoryEntry } from './history';

const entry = (date: string, values: HistoryEntry['values'], quick = false): HistoryEntry => ({
  date,
  orgs: 1_000_000,
  quick,
  commit: null,
  values,
});

describe('the history chart', () => {
  const entries = [
    entry('2026-11-26T08:54:19.084Z', { page_p95_ms: 4.42, rss_mb: 242 }),
    entry('2026-12-01T12:00:00.000Z', { page_p95_ms: 1.2, rss_mb: 180, db_mb: 700 }),
    entry('2026-12-02T12:00:00.000Z', { page_p95_ms: 1.1, rss_mb: 190, db_mb: 690 }, true),
  ];
  const svg = historyChart(entries);
  const panels = [...svg.matchAll(/<g transform="translate\((\d+),(\d+)\)">(.*?)<\/g>/g)];

  it('draws one panel per figure that any run has, in the order of the results', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(panels.map((p) => /class="title">([a-z0-9_]+)/.exec(p[3] ?? '')?.[1])).toEqual([
      'page_p95_ms',
      'db_mb',
      'rss_mb',
    ]);
  });

  it('plots each run that has the figure, with its target as a dashed line', () => {
    const page = panels[0]?.[3] ?? '';
    expect(page.match(/<circle /g)).toHaveLength(3);
    expect(page).toContain('class="target"');
    expect(page).toContain('(≤ 1.5)');
    expect(page).toContain('class="quick"');
    const db = panels[1]?.[3] ?? '';
    expect(db.match(/<circle /g)).toHaveLength(2);
    expect(db).not.toContain('class="target"');
  });

  it('puts a run that misses its target on the wrong side of the line', () => {
    const page = panels[0]?.[3] ?? '';
    const target = Number(/<line [^>]*y1="([\d.]+)"[^>]*class="target"/.exec(page)?.[1]);
    const ys = [...page.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    // SVG y grows downwards: 4.42 ms (a miss) is above the 1.5 ms line, the others below it.
    expect(ys[0]).toBeLessThan(target);
    expect(ys[1]).toBeGreaterThan(target);
    expect(ys[2]).toBeGreaterThan(target);
  });
});
