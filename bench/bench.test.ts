import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { redisServerAvailability } from '../test-support/redis-server';
import { tempDir } from '../db/test/helpers';
import { readHistory } from './history';
import { metrics, type BenchResults } from './report';
import { runBench } from './run';
import { hasSqliteShell } from './sqlite3-shell';

// The whole benchmark end to end at a tiny size: the shape of what it writes, not its speed.
describe('npm run bench', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('measures every path, writes results.json and appends to the history and its chart', async () => {
    const out = `${dir}/results.json`;
    const returned = await runBench({ orgs: 2_000, quick: true, out });
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(results).toEqual(JSON.parse(JSON.stringify(returned)));

    expect(results.orgs).toBe(2_000);
    for (const name of metrics) {
      if (['config_hit_vs_redis', 'seed_lock_s', 'export_vs_sqlite3_shell'].includes(name)) continue;
      expect(Number.isFinite(results[name]), name).toBe(true);
      expect(results[name], name).toBeGreaterThan(0);
    }
    if (redisServerAvailability().available) {
      expect(results.config_hit_vs_redis).toBeGreaterThan(0);
    } else {
      expect(results.config_hit_vs_redis).toBeNull();
    }
    // The shell is the export's anchor: CI installs it, and without it the figure says why it is missing.
    if (process.env.CI === 'true' || hasSqliteShell()) {
      expect(results.export_vs_sqlite3_shell).toBeGreaterThan(0);
      expect(results.measurements.export_vs_sqlite3_shell?.note).toContain('whole view, 2000 rows');
    } else {
      expect(results.export_vs_sqlite3_shell).toBeNull();
      expect(results.measurements.export_vs_sqlite3_shell?.note).toContain('not installed');
    }
    expect(results.seed_lock_s).toBeGreaterThanOrEqual(0);
    // Every sort, both directions, with and without a sector filter.
    expect(Object.keys(results.page_p95_ms_by_sort_detail)).toHaveLength(7 * 2 * 2);
    expect(results.page_p95_ms_by_sort).toBe(Math.max(...Object.values(results.page_p95_ms_by_sort_detail)));
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(results.date))).toBe(false);
    expect(results.durations_s.total).toBeGreaterThan(0);
    expect(Object.keys(results.measurements).sort()).toEqual([...metrics].sort());

    await runBench({ orgs: 1_000, quick: true, out });
    const history = readHistory(`${dir}/history.jsonl`);
    expect(history.map((h) => h.orgs)).toEqual([2_000, 1_000]);
    expect(history[0]?.values.page_p95_ms).toBe(results.page_p95_ms);
    expect(existsSync(`${dir}/history.svg`)).toBe(true);
    expect(readFileSync(`${dir}/history.svg`, 'utf8')).toContain('2 runs');
  }, 240_000);
});
