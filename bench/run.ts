import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { openDatabase } from '../db/sqlite/connection';
import { migrate } from '../db/sqlite/migrate';
import { seedSectorsAndDimensions, seedWeightsAndCalibrations } from '../db/sqlite/seeding';
import { benchCache } from './cache-bench';
import { benchConfig } from './config-bench';
import { benchExport } from './export-bench';
import { benchShellExport } from './shell-export-bench';
import { appendHistory, historyEntry, writeHistoryChart } from './history';
import { benchCounts, benchPages } from './page-bench';
import { GRID_COLUMNS } from './grid-columns';
import { benchFacets } from './facet-bench';
import { benchExportPart } from './export-part-bench';
import {
  metrics,
  passes,
  targets,
  targetText,
  type BenchResults,
  type Measurement,
  type Metric,
} from './report';
import { benchSeed, type Log } from './seed-bench';
import { benchConcurrency } from './concurrency-bench';
import { benchEdits, benchImport, IMPORT_ORGS } from './import-bench';
import { benchWhatIf } from './whatif-bench';
import { benchScoreColumns } from './score-columns-bench';

export interface BenchOptions {
  orgs: number;
  /** Fewer rounds and iterations: for the test and a first look, not for numbers to publish. */
  quick: boolean;
  seed?: number;
  /** Where to write the results JSON (history.jsonl and history.svg go beside it); null writes nothing. */
  out: string | null;
  log?: Log;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return null;
  }
}

/**
 * Runs every measurement against its anchor in this process, on a temporary database built for the
 * run (in the OS temp folder, removed afterwards), and returns the results. With `out`, it writes
 * them there, appends the run to history.jsonl beside it and redraws history.svg from that history.
 */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => undefined);
  const startedAt = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const durations: Record<string, number> = {};
  let rssMax = 0;
  let rssPhase = 0;
  const rssPeaks: Record<string, number> = {};
  const sampleRss = () => {
    const rss = process.memoryUsage().rss;
    rssMax = Math.max(rssMax, rss);
    rssPhase = Math.max(rssPhase, rss);
  };
  const sampler = setInterval(sampleRss, 100);
  const phase = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    log(`${name}...`);
    // Each phase starts from a collected heap, so that one phase's garbage is not another's peak.
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    rssPhase = 0;
    const result = await work();
    sampleRss();
    durations[name] = round((performance.now() - started) / 1000, 1);
    rssPeaks[name] = Math.round(rssPhase / 2 ** 20);
    log(
      `${name}: ${durations[name]} s, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (peak ${rssPeaks[name]} MB)`,
    );
    return result;
  };

  const dir = mkdtempSync(join(tmpdir(), 'sector-studio-bench-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  try {
    migrate(db);
    seedSectorsAndDimensions(db);
    seedWeightsAndCalibrations(db);
    const sectors = db
      .prepare<[], string>('SELECT focus_group_id FROM focus_groups ORDER BY display_order')
      .pluck()
      .all();
    const sector = sectors[0] ?? 'pe_manufacturing';

    const seed = await phase('seed', () =>
      benchSeed(db, dir, options.orgs, options.seed ?? 20_260_101, log, sampleRss),
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    const dbMb = statSync(db.name).size / 2 ** 20;
    const counts = await phase('count', () => benchCounts(db, sectors));
    const pages = await phase('page', () => benchPages(db, sectors, options.quick));
    const facets = await phase('facets', () => benchFacets(db, 'pe_healthcare', options.quick));
    const exported = await phase('export', () => benchExport(db, sector, options.quick));
    const part = await phase('export-part', () => benchExportPart(db, options.orgs, options.quick));
    const shellExport = await phase('export-shell', () => benchShellExport(db, dir, sector, options.quick));
    const shellWorst = shellExport.cases.reduce<(typeof shellExport.cases)[number] | null>(
      (worst, c) => (worst === null || c.shellMs / c.appMs < worst.shellMs / worst.appMs ? c : worst),
      null,
    );
    const config = await phase('config', () => benchConfig(db, sector, options.quick));
    const whatIf = await phase('whatif', () => benchWhatIf(db, sector, options.quick));
    const scored = await phase('scores', () => benchScoreColumns(db, sector, options.quick));
    const cache = await phase('cache', () => benchCache(config.cachedValue, options.quick));
    const concurrency = await phase('concurrency', () => benchConcurrency(dir, options.orgs, options.quick));
    const imported = await phase('import', () => benchImport(dir, Math.min(options.orgs, IMPORT_ORGS), log));
    // Last: another connection to the run's file, opened and closed in this process (see TOOLCHAIN.md).
    const edits = await phase('edit', () => benchEdits(db.name, options.orgs, options.quick));
    (globalThis as { gc?: () => void }).gc?.();
    const rssAfter = process.memoryUsage().rss / 2 ** 20;
    sampleRss();
    const rssMb = rssMax / 2 ** 20;
    const [worstSort, worstSortMs] = Object.entries(pages.bySort).reduce((a, b) => (b[1] > a[1] ? b : a));

    const measurements: Record<Metric, Measurement> = {
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
      config_hit_vs_redis: {
        app: config.hitMs,
        anchor: config.redisGetMs,
        unit: 'ms',
        note: config.redisSkipped ?? 'redis-server GET via ioredis (median) / service hit (median)',
      },
      seed_1m_s: {
        app: seed.appSeconds,
        anchor: seed.anchorSeconds,
        unit: 's',
        note: `${options.orgs} organizations with their attribute rows, generation and index building included (anchor: bare insert)`,
      },
      seed_vs_bare_insert: {
        app: seed.app,
        anchor: seed.anchor,
        unit: 'orgs/s',
        note: 'app seeding / bare insert loop into the same tables without secondary indexes',
      },
      seed_lock_s: {
        app: seed.lockSeconds,
        anchor: null,
        unit: 's',
        note: "longest stretch in which another connection's write was refused during app seeding",
      },
      seed_progress_gap_ms: {
        app: seed.progressGapMs,
        anchor: null,
        unit: 'ms',
        note: 'longest gap between two progress reports during app seeding',
      },
      page_p95_ms: {
        app: pages.appP95,
        anchor: null,
        unit: 'ms',
        note: `p95 of ${pages.pages} pages, one sector sorted by name, with the ${GRID_COLUMNS.length} columns the grid shows at 1280 px (median ${round(pages.appMedian)} ms)`,
      },
      page_all_columns_p95_ms: {
        app: pages.allColumnsP95,
        anchor: null,
        unit: 'ms',
        note: 'p95 of the same pages with every column of the view (a request that names none: the CLI)',
      },
      page_vs_keys_only: {
        app: pages.appP95,
        anchor: pages.keysP95,
        unit: 'ms',
        note: "p95 page with the grid's columns / p95 of the same pages' index-only key queries",
      },
      page_p95_ms_by_sort: {
        app: worstSortMs,
        anchor: null,
        unit: 'ms',
        note: `worst p95 over every sort, both directions, with and without a sector filter, with the grid's columns: ${worstSort}`,
      },
      count_first_ms: {
        app: counts.max,
        anchor: null,
        unit: 'ms',
        note: `worst first count of ${counts.filters} filters (sector, status, both, none; median ${round(counts.median)} ms)`,
      },
      facet_counts_ms: {
        app: facets.appP95,
        anchor: facets.anchorP95,
        unit: 'ms',
        note: `worst p95 of ${facets.requests} filter-menu facet requests (${facets.worst}) / p95 of SELECT focus_group_id, count(*) FROM organizations GROUP BY focus_group_id, same run`,
      },
      export_vs_raw_scan: {
        app: exported.app,
        anchor: exported.anchor,
        unit: 'rows/s',
        note: `${exported.rows} rows, ${round(exported.csvBytes / 2 ** 20, 1)} MB CSV`,
      },
      export_part_seek: {
        app: part.seekMs,
        anchor: part.readThroughMs,
        unit: 'ms',
        note: `the first 1,000 rows of a part of the whole view by name starting at row ${part.start}, read by seeking there / read from the top of the order, passing over the rows before it (as the export did before), medians`,
      },
      export_vs_sqlite3_shell: {
        app: shellWorst?.appMs ?? null,
        anchor: shellWorst?.shellMs ?? null,
        unit: 'ms',
        note:
          shellExport.skipped !== null
            ? `not measured: ${shellExport.skipped}`
            : `the app's CSV export to a file / \`sqlite3 -csv -header\` of the same query on the same file (value: the worse of ${shellExport.cases
                .map(
                  (c) =>
                    `${c.name}, ${c.rows} rows: app ${round(c.appMs, 0)} ms ${round(c.appMb, 1)} MB, shell ${round(c.shellMs, 0)} ms ${round(c.shellMb, 1)} MB`,
                )
                .join('; ')})`,
      },
      db_mb: {
        app: dbMb,
        anchor: null,
        unit: 'MB',
        note: 'database file after seeding, WAL checkpointed',
      },
      page_p95_ms_during_insert: {
        app: concurrency.pageP95DuringInsertMs,
        anchor: concurrency.pageP95IdleMs,
        unit: 'ms',
        note: `p95 of ${concurrency.pagesDuringInsert} orgs:query pages over the browser host's HTTP while the same host inserts ${concurrency.inserted} organizations (${round(concurrency.insertSeconds, 1)} s); anchor: the same pages with nothing else running`,
      },
      loop_delay_p99_ms_during_insert: {
        app: concurrency.loopDelayP99Ms,
        anchor: null,
        unit: 'ms',
        note: 'p99 event-loop delay (perf_hooks.monitorEventLoopDelay) of the thread that serves the UI, during that insert',
      },
      config_propagation_ms: {
        app: concurrency.propagationMaxMs,
        anchor: null,
        unit: 'ms',
        note: `worst time from the start of a weight edit in one instance to the DELETE in another instance's cache log (median ${round(concurrency.propagationMedianMs, 0)} ms)`,
      },
      import_csv_vs_seed: {
        app: imported.importSeconds,
        anchor: imported.seedSeconds,
        unit: 's',
        note: `${imported.orgs} organizations from the app's own CSV export (${round(imported.csvMb, 1)} MB) imported into an empty file / the app's bulk seeding of as many into an empty file, same run (value: seeding's time / the import's; CPU time of this process: seeding ${round(imported.seedCpuSeconds, 1)} s, import ${round(imported.importCpuSeconds, 1)} s)`,
      },
      edit_roundtrip_ms: {
        app: edits.p95Ms,
        anchor: null,
        unit: 'ms',
        note: `p95 of ${edits.edits} orgs:update calls through the backend, each from the call to the committed row read back, at ${options.orgs} organizations (median ${round(edits.medianMs, 2)} ms)`,
      },
      whatif_sector_ms: {
        app: whatIf.appP95,
        anchor: null,
        unit: 'ms',
        note: `p95 of ${whatIf.rounds} what-ifs of ${whatIf.organizations} organizations (re-scored, ranked, top 10s, movers and Spearman's rho against the saved ranking), assessments already loaded`,
      },
      whatif_vs_floor: {
        app: whatIf.appP95,
        anchor: whatIf.floorP95,
        unit: 'ms',
        note: 'p95 what-if / p95 of one weighted-sum loop over the same numbers in a Float64Array (the floor)',
      },
      score_columns_page_ms: {
        app: scored.scoreP95,
        anchor: null,
        unit: 'ms',
        note: `p95 of ${scored.windows} grid windows of 100 rows of one sector (${scored.organizations} organizations) sorted by Org-AI-R descending, spread over the order; building the order once took ${round(scored.sortMs, 0)} ms`,
      },
      score_page_vs_name_page: {
        app: scored.scoreP95,
        anchor: scored.nameP95,
        unit: 'ms',
        note: 'p95 window sorted by Org-AI-R / p95 of the same windows sorted by name',
      },
      score_refresh_sector_ms: {
        app: scored.refreshP95,
        anchor: null,
        unit: 'ms',
        note: `p95 time to recompute and store the scores of one sector of ${scored.organizations} organizations after a weight saved marked it stale, in one write transaction, its assessments kept from a refresh of the sector before the rounds (every sector at once after seeding: ${round(scored.refreshAllMs, 0)} ms)`,
      },
      score_refresh_inputs_ms: {
        app: scored.refreshInputsP95,
        anchor: null,
        unit: 'ms',
        note: `the same after an analyst's edit of one organization's assessment saved through the app's update, which the writer follows (the edited organization is read again and merged into the sector's kept inputs)`,
      },
      score_refresh_reread_ms: {
        app: scored.refreshRereadP95,
        anchor: null,
        unit: 'ms',
        note: `the same after an assessment changed by an UPDATE the app did not make (as another process's): the ${scored.organizations} organizations' assessments read again`,
      },
      rss_mb: {
        app: rssMb,
        anchor: null,
        unit: 'MB',
        note: `most resident memory during the run (peak per phase in MB: ${JSON.stringify(rssPeaks)}; after it: ${Math.round(rssAfter)} MB, database still open)`,
      },
    };
    const values: Record<Metric, number | null> = {
      cache_get_vs_lru: round(cache.get.app / cache.get.anchor),
      cache_set_vs_lru: round(cache.set.app / cache.set.anchor),
      config_hit_vs_miss: round(config.missMs / config.hitMs, 1),
      config_hit_vs_redis: config.redisGetMs === null ? null : round(config.redisGetMs / config.hitMs, 1),
      seed_1m_s: round(seed.appSeconds, 1),
      seed_vs_bare_insert: round(seed.app / seed.anchor),
      seed_lock_s: round(seed.lockSeconds, 1),
      seed_progress_gap_ms: round(seed.progressGapMs, 0),
      page_p95_ms: round(pages.appP95),
      page_vs_keys_only: round(pages.appP95 / pages.keysP95, 2),
      page_all_columns_p95_ms: round(pages.allColumnsP95),
      page_p95_ms_by_sort: round(worstSortMs),
      count_first_ms: round(counts.max, 2),
      facet_counts_ms: round(facets.appP95, 1),
      export_vs_raw_scan: round(exported.app / exported.anchor),
      export_part_seek: round(part.readThroughMs / part.seekMs, 1),
      export_vs_sqlite3_shell: shellWorst === null ? null : round(shellWorst.shellMs / shellWorst.appMs),
      db_mb: round(dbMb, 0),
      rss_mb: round(rssMb, 0),
      page_p95_ms_during_insert: round(concurrency.pageP95DuringInsertMs, 1),
      loop_delay_p99_ms_during_insert: round(concurrency.loopDelayP99Ms, 1),
      config_propagation_ms: round(concurrency.propagationMaxMs, 0),
      import_csv_vs_seed: round(imported.seedSeconds / imported.importSeconds, 2),
      edit_roundtrip_ms: round(edits.p95Ms, 2),
      whatif_sector_ms: round(whatIf.appP95, 1),
      whatif_vs_floor: round(whatIf.appP95 / whatIf.floorP95, 1),
      score_columns_page_ms: round(scored.scoreP95, 2),
      score_page_vs_name_page: round(scored.scoreP95 / scored.nameP95, 2),
      score_refresh_sector_ms: round(scored.refreshP95, 0),
      score_refresh_inputs_ms: round(scored.refreshInputsP95, 0),
      score_refresh_reread_ms: round(scored.refreshRereadP95, 0),
    };
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
        load_avg: [round(loadAtStart, 1), round(loadavg()[0] ?? 0, 1)],
      },
      ...values,
      measurements,
      page_p95_ms_by_sort_detail: Object.fromEntries(
        Object.entries(pages.bySort).map(([combo, ms]) => [combo, round(ms)]),
      ),
      targets: Object.fromEntries(metrics.flatMap((m) => (targets[m] ? [[m, targetText(m)]] : []))),
      passed: Object.fromEntries(metrics.map((m) => [m, passes(m, values[m])])),
      durations_s: { ...durations, total: round((performance.now() - startedAt) / 1000, 1) },
    };
    if (options.out) {
      writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
      const history = appendHistory(
        join(dirname(options.out), 'history.jsonl'),
        historyEntry(results, gitCommit()),
      );
      writeHistoryChart(join(dirname(options.out), 'history.svg'), history);
    }
    return results;
  } finally {
    clearInterval(sampler);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
