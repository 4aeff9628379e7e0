import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { redisServerAvailability } from '../electron/backend/cache/test/redis-server';
import { tempDir } from '../db/test/helpers';
import type { BenchResults } from './report';
import { runBench } from './run';

const ratios = [
  'cache_get_vs_lru',
  'cache_set_vs_lru',
  'config_hit_vs_miss',
  'seed_vs_raw_insert',
  'page_p95_ms',
  'page_vs_raw',
  'export_vs_raw_scan',
  'rss_mb',
] as const;

// The whole benchmark end to end at a tiny size: the shape of what it writes, not its speed.
describe('npm run bench', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('measures every path against its anchor and writes results.json', async () => {
    const out = `${dir}/results.json`;
    const returned = await runBench({ orgs: 2_000, quick: true, out });
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(results).toEqual(JSON.parse(JSON.stringify(returned)));

    expect(results.orgs).toBe(2_000);
    for (const name of ratios) {
      expect(Number.isFinite(results[name]), name).toBe(true);
      expect(results[name], name).toBeGreaterThan(0);
    }
    if (redisServerAvailability().available) {
      expect(Number.isFinite(results.config_hit_vs_redis)).toBe(true);
      expect(results.config_hit_vs_redis).toBeGreaterThan(0);
    } else {
      expect(results.config_hit_vs_redis).toBeNull();
    }
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(results.date))).toBe(false);
    expect(results.durations_s.total).toBeGreaterThan(0);
    expect(Object.keys(results.measurements).sort()).toEqual([...ratios, 'config_hit_vs_redis'].sort());
  }, 120_000);
});
