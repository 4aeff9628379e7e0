import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { seedFocusGroupsAndDimensions, seedWeightsAndCalibrations } from '../db/seeding';
import { benchCache } from './cache-bench';
import { benchConfig } from './config-bench';
import { benchExport } from './export-bench';
import { benchPages } from './page-bench';
import { passes, targets, targetText, type BenchResults, type Metric } from './report';
import { benchSeed, type Log } from './seed-bench';

export interface BenchOptions {
  orgs: number;
  /** Fewer rounds and iterations: for the test and a first look, not for numbers to publish. */
  quick: boolean;
  seed?: number;
  /** Where to write the results JSON; null writes nothing. */
  out: string | null;
  log?: Log;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/**
 * Runs every measurement against its anchor in this process, on a temporary database built for the
 * run (in the OS temp folder, removed afterwards), and returns (and writes) the results.
 */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => undefined);
  const startedAt = performance.now();
  const durations: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    log(`${name}...`);
    const started = performance.now();
    const result = await work();
    durations[name] = round((performance.now() - started) / 1000, 1);
    log(`${name}: ${durations[name]} s, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
    return result;
  };

  const dir = mkdtempSync(join(tmpdir(), 'sector-studio-bench-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  try {
    migrate(db);
    seedFocusGroupsAndDimensions(db);
    seedWeightsAndCalibrations(db);
    const sectors = db
      .prepare<[], string>('SELECT focus_group_id FROM focus_groups ORDER BY display_order')
      .pluck()
      .all();
    const sector = sectors[0] ?? 'pe_manufacturing';

    const seed = await phase('seed', () => benchSeed(db, dir, options.orgs, options.seed ?? 20_260_101, log));
    const pages = await phase('page', () => benchPages(db, sectors, options.quick));
    const exported = await phase('export', () => benchExport(db, sector, options.quick));
    const config = await phase('config', () => benchConfig(db, sector, options.quick));
    const cache = await phase('cache', () => benchCache(config.cachedValue, options.quick));
    (globalThis as { gc?: () => void }).gc?.();
    const rssMb = process.memoryUsage().rss / 2 ** 20;

    const values: Record<Metric, number | null> = {
      cache_get_vs_lru: round(cache.get.app / cache.get.anchor),
      cache_set_vs_lru: round(cache.set.app / cache.set.anchor),
      config_hit_vs_miss: round(config.missMs / config.hitMs, 1),
      config_hit_vs_redis: config.redisGetMs === null ? null : round(config.redisGetMs / config.hitMs, 1),
      seed_vs_raw_insert: round(seed.app / seed.anchor),
      page_p95_ms: round(pages.appP95),
      page_vs_raw: round(pages.appP95 / pages.anchorP95),
      export_vs_raw_scan: round(exported.app / exported.anchor),
      rss_mb: round(rssMb, 0),
    };
    const redisNote = config.redisSkipped ?? 'redis-server GET via ioredis (median) / service hit (median)';
    const results: BenchResults = {
      orgs: options.orgs,
      quick: options.quick,
      date: new Date().toISOString(),
      machine: {
        cpu: cpus()[0]?.model.trim() ?? 'unknown',
        cores: cpus().length,
        memory_gb: round(totalmem() / 2 ** 30, 1),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
      },
      cache_get_vs_lru: values.cache_get_vs_lru as number,
      cache_set_vs_lru: values.cache_set_vs_lru as number,
      config_hit_vs_miss: values.config_hit_vs_miss as number,
      config_hit_vs_redis: values.config_hit_vs_redis,
      seed_vs_raw_insert: values.seed_vs_raw_insert as number,
      page_p95_ms: values.page_p95_ms as number,
      page_vs_raw: values.page_vs_raw as number,
      export_vs_raw_scan: values.export_vs_raw_scan as number,
      rss_mb: values.rss_mb as number,
      measurements: {
        cache_get_vs_lru: {
          app: cache.get.app,
          anchor: cache.get.anchor,
          unit: 'ops/s',
          note: 'Keyspace.get / LRUCache.get',
        },
        cache_set_vs_lru: {
          app: cache.set.app,
          anchor: cache.set.anchor,
          unit: 'ops/s',
          note: 'Keyspace.set / LRUCache.set, TTL 1 h',
        },
        config_hit_vs_miss: {
          app: config.hitMs,
          anchor: config.missMs,
          unit: 'ms',
          note: 'service miss / hit, medians',
        },
        config_hit_vs_redis: { app: config.hitMs, anchor: config.redisGetMs, unit: 'ms', note: redisNote },
        seed_vs_raw_insert: {
          app: seed.app,
          anchor: seed.anchor,
          unit: 'orgs/s',
          note: 'app seeding (generation included) / bare insert loop',
        },
        page_p95_ms: {
          app: pages.appP95,
          anchor: null,
          unit: 'ms',
          note: `p95 of ${pages.pages} pages (median ${round(pages.appMedian)} ms)`,
        },
        page_vs_raw: {
          app: pages.appP95,
          anchor: pages.anchorP95,
          unit: 'ms',
          note: 'p95 repository page / p95 hand-written keyset query',
        },
        export_vs_raw_scan: {
          app: exported.app,
          anchor: exported.anchor,
          unit: 'rows/s',
          note: `${exported.rows} rows, ${round(exported.csvBytes / 2 ** 20, 1)} MB CSV`,
        },
        rss_mb: {
          app: rssMb,
          anchor: null,
          unit: 'MB',
          note: 'resident memory after the run, database still open',
        },
      },
      targets: Object.fromEntries(Object.keys(targets).map((m) => [m, targetText(m as Metric)])),
      passed: Object.fromEntries((Object.keys(values) as Metric[]).map((m) => [m, passes(m, values[m])])),
      durations_s: { ...durations, total: round((performance.now() - startedAt) / 1000, 1) },
    };
    if (options.out) writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
    return results;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
