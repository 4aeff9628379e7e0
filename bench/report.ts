/** The results file's shape, the targets from issue 5, and the printed table. */

export interface Machine {
  cpu: string;
  cores: number;
  memory_gb: number;
  node: string;
  platform: string;
}

export interface Measurement {
  app: number | null;
  anchor: number | null;
  unit: string;
  note: string;
}

export interface BenchResults {
  orgs: number;
  quick: boolean;
  date: string;
  machine: Machine;
  cache_get_vs_lru: number;
  cache_set_vs_lru: number;
  config_hit_vs_miss: number;
  config_hit_vs_redis: number | null;
  seed_vs_raw_insert: number;
  page_p95_ms: number;
  page_vs_raw: number;
  export_vs_raw_scan: number;
  rss_mb: number;
  /** What each ratio was computed from. */
  measurements: Record<string, Measurement>;
  targets: Record<string, string>;
  passed: Record<string, boolean | null>;
  durations_s: Record<string, number>;
}

export type Metric =
  | 'cache_get_vs_lru'
  | 'cache_set_vs_lru'
  | 'config_hit_vs_miss'
  | 'config_hit_vs_redis'
  | 'seed_vs_raw_insert'
  | 'page_p95_ms'
  | 'page_vs_raw'
  | 'export_vs_raw_scan'
  | 'rss_mb';

interface Target {
  op: '>=' | '<=';
  value: number;
}

/** The targets, on this machine and a laptop alike; page_p95_ms is set for a million organizations. */
export const targets: Partial<Record<Metric, Target>> = {
  cache_get_vs_lru: { op: '>=', value: 0.7 },
  config_hit_vs_miss: { op: '>=', value: 20 },
  config_hit_vs_redis: { op: '>=', value: 50 },
  seed_vs_raw_insert: { op: '>=', value: 0.6 },
  page_p95_ms: { op: '<=', value: 2 },
  page_vs_raw: { op: '<=', value: 3 },
  export_vs_raw_scan: { op: '>=', value: 0.4 },
  rss_mb: { op: '<=', value: 300 },
};

export function targetText(metric: Metric): string {
  const target = targets[metric];
  return target ? `${target.op === '>=' ? '≥' : '≤'} ${target.value}` : '';
}

export function passes(metric: Metric, value: number | null): boolean | null {
  const target = targets[metric];
  if (!target || value === null) return null;
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

function formatNumber(value: number | null): string {
  if (value === null) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(4);
}

/** A fixed-width table a person can read in a terminal, one row per metric. */
export function formatTable(results: BenchResults): string {
  const header = ['measurement', 'app', 'anchor', 'unit', 'ratio', 'target', 'result'];
  const rows = (Object.keys(results.measurements) as Metric[]).map((metric) => {
    const m = results.measurements[metric] as Measurement;
    const value = results[metric];
    const passed = results.passed[metric];
    return [
      metric,
      formatNumber(m.app),
      formatNumber(m.anchor),
      m.unit,
      formatNumber(value),
      targetText(metric),
      passed === null || passed === undefined ? '' : passed ? 'pass' : 'FAIL',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
