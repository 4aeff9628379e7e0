import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatCacheEvent, SECTOR_CONFIG_FORMAT, type CacheEvent } from '../../shared/domain';
import { SectorConfig } from '../../shared/sector-config';
import { sqliteConfigRepository } from '../../db/sqlite/config-repo';
import type { Db } from '../../db/sqlite/connection';
import type { ConfigRepository } from '../../db/port';
import { seededDb } from '../../db/test/helpers';
import { ManualClock } from './cache/clock';
import { KeyspaceStore } from './cache/keyspace-store';
import { createRedisStore } from './cache/redis-store';
import {
  redisServerAvailability,
  startRedisServer,
  type RunningRedisServer,
} from '../../test-support/redis-server';
import type { CacheStore } from './cache/store';
import { SectorConfigService } from './config-service';

interface Harness {
  store: CacheStore;
  /** Moves time forward far enough for keys to expire. */
  elapse(ms: number): Promise<void>;
}

const redis = redisServerAvailability();
let server: RunningRedisServer | undefined;
beforeAll(async () => {
  if (redis.available) server = await startRedisServer(redis.binary);
}, 30_000);
afterAll(async () => server?.stop());

const backends: [string, () => Promise<Harness>, boolean][] = [
  [
    'embedded keyspace',
    async () => {
      const clock = new ManualClock();
      return {
        store: new KeyspaceStore({ clock, activeExpireIntervalMs: 0 }),
        elapse: async (ms) => clock.advance(ms),
      };
    },
    false,
  ],
  [
    `real redis-server${redis.available ? '' : ` (skipped: ${redis.reason})`}`,
    async () => {
      const store = await createRedisStore(server!.url);
      await store.flushAll();
      return { store, elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
    },
    !redis.available,
  ],
];

const turns = async (random: () => number) => {
  for (let n = Math.floor(random() * 4); n > 0; n--) await new Promise((r) => setImmediate(r));
};

/**
 * Network latency without reordering, as over one Redis connection: each command is applied in the
 * order sent, and its reply arrives a random number of event-loop turns later.
 */
function laggy(inner: CacheStore, random: () => number): CacheStore {
  let queue: Promise<unknown> = Promise.resolve();
  const later = <T>(op: () => Promise<T>): Promise<T> => {
    const applied = queue.then(op);
    queue = applied.catch(() => undefined);
    return applied.then(async (value) => {
      await turns(random);
      return value;
    });
  };
  return {
    get: (key, reject) => later(() => inner.get(key, reject)),
    set: (key, value, ttl) => later(() => inner.set(key, value, ttl)),
    del: (keys) => later(() => inner.del(keys)),
    flushAll: () => later(() => inner.flushAll()),
    pttl: (key) => later(() => inner.pttl(key)),
    keys: (pattern) => later(() => inner.keys(pattern)),
    stats: () => inner.stats(),
    onEvent: (listener) => inner.onEvent(listener),
    unreachableSince: () => inner.unreachableSince(),
    onAvailabilityChange: (listener) => inner.onAvailabilityChange(listener),
    close: () => inner.close(),
  };
}

/**
 * A database server's latency: loads read the committed state at a random moment and answer later;
 * writes commit at a random moment, reported through `onCommit` in commit order.
 */
function remote(
  inner: ConfigRepository,
  random: () => number,
  onCommit: (input: Parameters<ConfigRepository['updateWeights']>[0]) => void,
) {
  const repo: ConfigRepository = {
    ...inner,
    async loadSectorConfig(id) {
      await turns(random);
      const config = await inner.loadSectorConfig(id);
      await turns(random);
      return config;
    },
    async updateWeights(input) {
      await turns(random);
      const changed = await inner.updateWeights(input);
      onCommit(input);
      await turns(random);
      return changed;
    },
  };
  return repo;
}

/** The seed's Python SectorConfig as its cache-aside service stores it under sector:{id}. */
const seedPythonValue = JSON.stringify({
  focus_group_id: 'pe_manufacturing',
  group_name: 'Manufacturing',
  dimension_weights: {
    data_infrastructure: '0.22',
    ai_governance: '0.12',
    technology_stack: '0.18',
    talent: '0.15',
    leadership: '0.12',
    use_case_portfolio: '0.14',
    culture: '0.07',
  },
  calibrations: {
    h_r_baseline: '72',
    ebitda_multiplier: '0.90',
    talent_concentration_threshold: '0.20',
    position_factor_delta: '0.15',
  },
});

/**
 * What the seed's reader takes from a cached value: its four keys, every weight and calibration
 * through Decimal(str(value)) (so 0.90 and 0.9 are the same number).
 */
function seedReader(value: Record<string, unknown>) {
  const decimals = (record: unknown) =>
    Object.fromEntries(
      Object.entries(record as Record<string, unknown>).map(([k, v]) => [k, Number(String(v))]),
    );
  return {
    focus_group_id: value.focus_group_id,
    group_name: value.group_name,
    dimension_weights: decimals(value.dimension_weights),
    calibrations: decimals(value.calibrations),
  };
}

/** Counts how often the service reaches the database. */
function countingRepository(inner: ConfigRepository) {
  const counter = { loads: 0 };
  const repo: ConfigRepository = {
    ...inner,
    loadSectorConfig: (id) => {
      counter.loads++;
      return inner.loadSectorConfig(id);
    },
  };
  return { repo, counter };
}

describe.each(backends)('SectorConfigService over %s', (_name, makeHarness, skip) => {
  let db: Db;
  let harness: Harness;
  let events: CacheEvent[];
  let stopListening: () => void;
  let counted: ReturnType<typeof countingRepository>;

  async function setup(ttl = 3600) {
    db = seededDb();
    harness = await makeHarness();
    events = [];
    stopListening = harness.store.onEvent((e) => events.push(e));
    counted = countingRepository(sqliteConfigRepository(db));
    return new SectorConfigService(counted.repo, harness.store, ttl);
  }

  afterEach(async () => {
    stopListening?.();
    await harness?.store.close();
    db?.close();
  });

  const trail = () =>
    events.filter((e) => e.type !== 'EXPIRED').map((e) => `${e.type} ${e.key ?? ''}`.trim());

  it.skipIf(skip)('is cache-aside: MISS, load, SET with the TTL; then HIT without the database', async () => {
    const service = await setup();
    const first = await service.getConfig('pe_financial_services');
    expect(first.source).toBe('database');
    expect(first.config.h_r_baseline).toBe(82);
    expect(trail()).toEqual(['MISS sector:pe_financial_services', 'SET sector:pe_financial_services']);
    const second = await service.getConfig('pe_financial_services');
    expect(second.source).toBe('cache');
    expect(second.config).toEqual(first.config);
    expect(counted.counter.loads).toBe(1);
    expect(trail().at(-1)).toBe('HIT sector:pe_financial_services');
    const stats = await harness.store.stats();
    expect([stats.keyspace_hits, stats.keyspace_misses]).toEqual([1, 1]);
    const ttl = await harness.store.pttl('sector:pe_financial_services');
    expect(ttl).toBeGreaterThan(3590_000);
    expect(ttl).toBeLessThanOrEqual(3600_000);
  });

  it.skipIf(skip)('stores the SectorConfig JSON form', async () => {
    const service = await setup();
    await service.getConfig('pe_technology');
    const stored = JSON.parse((await harness.store.get('sector:pe_technology'))!);
    expect(stored).toEqual(await sqliteConfigRepository(db).loadSectorConfig('pe_technology'));
  });

  it.skipIf(skip)(
    "treats another program's value under sector:{id} as a MISS and replaces it with a superset of the seed's (issue 21)",
    async () => {
      const service = await setup();
      // What the seed's Python service caches for a sector: its SectorConfig, Decimals as strings.
      await harness.store.set('sector:pe_manufacturing', seedPythonValue, 3600);
      events.length = 0;
      const fetched = await service.getConfig('pe_manufacturing');
      expect(fetched.source).toBe('database');
      expect(fetched.config).toMatchObject({ h_r_baseline: 72, weights_sum: 1, weights_valid: true });
      const missed = events.find((e) => e.type === 'MISS');
      expect(missed).toMatchObject({ key: 'sector:pe_manufacturing', note: "not this app's format" });
      expect(formatCacheEvent(missed!)).toBe(
        "Cache MISS for key: sector:pe_manufacturing (not this app's format)",
      );
      expect(trail()).toEqual(['MISS sector:pe_manufacturing', 'SET sector:pe_manufacturing']);

      // Replaced: the app's own value, which the next fetch takes and the seed's reader still reads.
      const stored = JSON.parse((await harness.store.get('sector:pe_manufacturing'))!) as Record<
        string,
        unknown
      >;
      expect(stored.format).toBe(SECTOR_CONFIG_FORMAT);
      expect(seedReader(stored)).toEqual(seedReader(JSON.parse(seedPythonValue) as Record<string, unknown>));
      expect((await service.getConfig('pe_manufacturing')).source).toBe('cache');

      // An older version of the app's own value, and text that is not JSON, are misses too.
      const { format: _ours, ...older } = stored;
      for (const foreign of [
        JSON.stringify(older),
        'not json',
        JSON.stringify({ ...stored, weights_sum: '1' }),
      ]) {
        await harness.store.set('sector:pe_manufacturing', foreign, 3600);
        expect((await service.getConfig('pe_manufacturing')).source).toBe('database');
      }
      await harness.store.set('sectors:all', JSON.stringify([JSON.parse(seedPythonValue)]), 3600);
      expect(await service.getAllSectors()).toHaveLength(7);
      expect(events.at(-2)).toMatchObject({
        type: 'MISS',
        key: 'sectors:all',
        note: "not this app's format",
      });
    },
  );

  it.skipIf(skip)('caches all sectors under sectors:all', async () => {
    const service = await setup();
    const all = await service.getAllSectors();
    expect(all.map((s) => s.focus_group_id)).toHaveLength(7);
    await service.getAllSectors();
    expect(trail()).toEqual(['MISS sectors:all', 'SET sectors:all', 'HIT sectors:all']);
  });

  it.skipIf(skip)('single-flight: 100 concurrent misses for one sector cause one database load', async () => {
    const service = await setup();
    const results = await Promise.all(Array.from({ length: 100 }, () => service.getConfig('pe_healthcare')));
    expect(counted.counter.loads).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r.config))).size).toBe(1);
    const misses = trail().filter((e) => e === 'MISS sector:pe_healthcare');
    expect(misses).toHaveLength(100);
    expect(trail().filter((e) => e.startsWith('SET'))).toEqual(['SET sector:pe_healthcare']);
  });

  it.skipIf(skip)('hands out one read-only parsed object per cached value', async () => {
    const service = await setup();
    await service.getConfig('pe_energy');
    const a = (await service.getConfig('pe_energy')).config;
    const b = (await service.getConfig('pe_energy')).config;
    expect(b).toBe(a);
    expect(Object.isFrozen(a.dimension_weights)).toBe(true);
    await service.updateWeights({
      focus_group_id: 'pe_energy',
      weights: [{ dimension_code: 'culture', weight: 0.06 }],
      rationale: 'test',
      author: 'tester',
    });
    expect((await service.getConfig('pe_energy')).config.dimension_weights.culture).toBe(0.06);
  });

  it.skipIf(skip)('invalidates one sector (its key and sectors:all) or everything', async () => {
    const service = await setup();
    await service.getConfig('pe_energy');
    await service.getConfig('pe_retail');
    await service.getAllSectors();
    events.length = 0;
    const one = await service.invalidate('pe_energy');
    expect(one).toEqual({ scope: 'sector', keys: ['sector:pe_energy', 'sectors:all'], deleted: 2 });
    expect(trail()).toEqual(['DELETE sector:pe_energy', 'DELETE sectors:all']);
    expect((await harness.store.keys('*')).sort()).toEqual(['sector:pe_retail']);
    expect((await service.getConfig('pe_energy')).source).toBe('database');

    events.length = 0;
    expect((await service.invalidate()).scope).toBe('all');
    expect(trail()).toEqual(['FLUSHALL']);
    expect(await harness.store.keys('*')).toEqual([]);
  });

  it.skipIf(skip)('expires entries after the TTL and reloads them', async () => {
    const service = await setup(1);
    await service.getConfig('pe_manufacturing');
    await harness.elapse(1_200);
    expect(await harness.store.pttl('sector:pe_manufacturing')).toBe(-2);
    const again = await service.getConfig('pe_manufacturing');
    expect(again.source).toBe('database');
    expect(counted.counter.loads).toBe(2);
  });

  it.skipIf(skip)('writes through the data layer and invalidates after commit', async () => {
    const service = await setup();
    await service.getConfig('pe_retail');
    const { config: updated, changed } = await service.updateWeights({
      focus_group_id: 'pe_retail',
      weights: [{ dimension_code: 'culture', weight: 0.1 }],
      rationale: 'test',
      author: 'tester',
    });
    expect(changed).toBe(1);
    expect(updated.dimension_weights.culture).toBe(0.1);
    expect(updated.weights_valid).toBe(false);
    expect((await service.getConfig('pe_retail')).config.dimension_weights.culture).toBe(0.1);
    const calibrated = await service.updateCalibration({
      focus_group_id: 'pe_retail',
      parameter_name: 'ebitda_multiplier',
      value: 1.2,
      rationale: 'test',
      author: 'tester',
    });
    expect(calibrated.ebitda_multiplier).toBe(1.2);
    expect(trail()).toContain('DELETE sector:pe_retail');
  });

  it.skipIf(skip)(
    'never serves a stale config after a write has returned (randomized interleaving)',
    async () => {
      await setup();
      let seed = 12345;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const sectors = ['pe_energy', 'pe_retail'];
      const local = sqliteConfigRepository(db);
      // Every committed value of each sector in commit order; an index in it is a version.
      const history = new Map<string, number[]>();
      for (const s of sectors)
        history.set(s, [
          SectorConfig.fromJSON(await local.loadSectorConfig(s)).getDimensionWeight('culture'),
        ]);
      const versionOf = new WeakMap<object, number>();
      const repo = remote(local, random, (input) => {
        versionOf.set(input, history.get(input.focus_group_id)!.push(input.weights[0]!.weight) - 1);
      });
      const service = new SectorConfigService(repo, laggy(harness.store, random), 3600);
      const returned = new Map(sectors.map((s) => [s, 0]));
      let reads = 0;
      // Six clients work at once, each pausing a random number of event-loop turns between requests.
      const client = async () => {
        for (let i = 0; i < 80; i++) {
          await turns(random);
          const sector = sectors[Math.floor(random() * sectors.length)]!;
          const versions = history.get(sector)!;
          if (random() < 0.3) {
            const weight = Math.round(random() * 100) / 100;
            const input = {
              focus_group_id: sector,
              weights: [{ dimension_code: 'culture', weight }],
              rationale: 'test',
              author: 'tester',
            };
            await service.updateWeights(input);
            const version = versionOf.get(input)!;
            returned.set(sector, Math.max(returned.get(sector)!, version));
          } else {
            // A read that starts after a write returned must see that write or a later one.
            const floor = returned.get(sector)!;
            const { config } = await service.getConfig(sector);
            reads++;
            expect(versions.slice(floor)).toContain(config.dimension_weights.culture);
          }
        }
      };
      await Promise.all(Array.from({ length: 6 }, client));
      expect(reads).toBeGreaterThan(250);
      for (const sector of sectors) {
        expect((await service.getConfig(sector)).config.dimension_weights.culture).toBe(
          history.get(sector)!.at(-1),
        );
      }
    },
  );
});
