import type {
  CacheEvent,
  ConfigWriteResult,
  FetchConfigResult,
  ImportPreview,
  InvalidateResult,
  SectorConfigJson,
  SimulatedLatency,
} from '../../shared/domain';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { sectorConfigJsonSchema } from '../../shared/sector-config';
import type {
  CalibrationEdit,
  ChangeSetRevert,
  ConfigRepository,
  ImportRequest,
  LockWait,
  NewCalibration,
  RevertRequest,
  Saved,
  WeightsEdit,
} from '../../db/port';
import type { CacheStore } from './cache/store';

export const sectorKey = (sectorId: string) => `sector:${sectorId}`;
export const ALL_SECTORS_KEY = 'sectors:all';
/** Every key the service writes, as Redis glob patterns: all of them are copies of the database. */
export const SERVICE_KEY_PATTERNS: readonly string[] = [sectorKey('*'), ALL_SECTORS_KEY];
export const DEFAULT_TTL_SECONDS = 3600;

/** The note of a MISS for a value under one of the service's keys that another program wrote. */
const NOT_OURS = "not this app's format";
const allSectorsSchema = z.array(sectorConfigJsonSchema);

const cacheUnavailable = (error: unknown): boolean =>
  error instanceof AppError && error.code === 'UNAVAILABLE';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A load and the SET that stored it, with how long each took (shared by the misses that joined it). */
interface Filled<T> {
  value: T;
  load_ms: number;
  store_ms: number | null;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The sector configuration service: cache-aside over a CacheStore, with single-flight loads and
 * invalidation after every committed write.
 *
 * A hit parses the cached JSON once per stored string and hands out that (frozen) object while the
 * string is unchanged: parsing was most of a hit's cost.
 *
 * Misses of one key share one load. Stale-write guard: each key has a generation that invalidation
 * bumps; a load that started before an invalidation does not write its (now old) value back, and
 * readers arriving after the invalidation do not join it. This relies on the store applying one
 * client's commands in the order they are sent, as the embedded keyspace and a Redis connection do.
 * Another instance's invalidation of a shared Redis bumps the same generations.
 *
 * The lab's simulated database latency delays every load a miss makes, never a hit. Timings: a
 * fetch reports the durations of its own GET and SET as the cache logged them, so the Cache
 * section's alert and log show the same numbers.
 *
 * As-of loads (a configuration on an earlier day) do not go through the service: they are read
 * from the database each time and never cached, so the `sector:{id}` key only ever holds today's.
 *
 * The cache is only a cache: while the store is unavailable a read is a miss answered from the
 * database, and a committed write succeeds without its invalidation (the store deletes every key of
 * the service when it is back, and then the generations are bumped, so no load from before the
 * outage is written back).
 */
export class SectorConfigService {
  private readonly flights = new Map<string, Promise<Filled<unknown>>>();
  private readonly generations = new Map<string, number>();
  private readonly parsed = new Map<string, { raw: string; value: unknown }>();
  /** The duration of the latest GET (HIT or MISS) and SET of each key, as the store logged it. */
  private readonly timings = new Map<string, number>();
  private latency: SimulatedLatency = 0;

  constructor(
    private readonly repository: ConfigRepository,
    private readonly store: CacheStore,
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
    /** Log lines the store cannot emit itself: an invalidated key that was not cached. */
    private readonly report: (event: CacheEvent) => void = () => {},
  ) {
    store.onAvailabilityChange(() => {
      if (store.unreachableSince() === null) this.bumpAll();
    });
    store.onEvent((event) => {
      if (event.key !== null && (event.type === 'HIT' || event.type === 'MISS')) {
        this.timings.set(`GET ${event.key}`, event.duration_ms);
      } else if (event.key !== null && event.type === 'SET') {
        this.timings.set(`SET ${event.key}`, event.duration_ms);
      }
      if (!event.remote) return;
      if (event.key === null) this.bumpAll();
      else this.bump(event.key);
    });
  }

  get simulatedLatency(): SimulatedLatency {
    return this.latency;
  }

  /** The lab setting: every database load of a miss waits this long first (0 turns it off). */
  setSimulatedLatency(ms: SimulatedLatency): void {
    this.latency = ms;
  }

  async getConfig(sectorId: string): Promise<FetchConfigResult> {
    const started = performance.now();
    const latency = this.latency;
    const key = sectorKey(sectorId);
    const cached = await this.read(key, sectorConfigJsonSchema);
    const cache_ms = this.timings.get(`GET ${key}`) ?? 0;
    const timing = { cache_ms, simulated_latency_ms: latency };
    if (cached) {
      const duration_ms = performance.now() - started;
      return { config: cached, source: 'cache', duration_ms, load_ms: null, store_ms: null, ...timing };
    }
    const filled = await this.fill(key, async () => this.repository.loadSectorConfig(sectorId));
    return {
      config: filled.value,
      source: 'database',
      duration_ms: performance.now() - started,
      load_ms: filled.load_ms,
      store_ms: filled.store_ms,
      ...timing,
    };
  }

  async getAllSectors(): Promise<SectorConfigJson[]> {
    const cached = await this.read(ALL_SECTORS_KEY, allSectorsSchema);
    if (cached) return cached;
    const filled = await this.fill(ALL_SECTORS_KEY, async () => {
      const sectors = await this.repository.listSectors();
      const configs = await Promise.all(
        sectors.map((s) => this.repository.loadSectorConfig(s.focus_group_id)),
      );
      return configs;
    });
    return filled.value;
  }

  /**
   * One sector (its key and the all-sectors list) or, with no sector, everything (FLUSHALL).
   * `note` says why when it is not the user's request (another process changed the sector). A
   * sector that was not cached still gets its DELETE line, marked "not cached".
   */
  async invalidate(sectorId?: string | null, note?: string): Promise<InvalidateResult> {
    if (!sectorId) {
      this.bumpAll();
      const keys = (await this.store.keys('*')).sort();
      await this.store.flushAll(note);
      return { scope: 'all', keys, deleted: keys.length };
    }
    const key = sectorKey(sectorId);
    const keys = [key, ALL_SECTORS_KEY];
    keys.forEach((k) => this.bump(k));
    const deleted = await this.store.del(keys, note);
    if (!deleted.includes(key)) {
      const why = note === undefined ? 'not cached' : `${note}; not cached`;
      this.report({ type: 'DELETE', key, at: Date.now(), duration_ms: 0, note: why });
    }
    return { scope: 'sector', keys, deleted: deleted.length };
  }

  /** Several weights of one sector: one transaction, then one invalidation (when anything changed). */
  async updateWeights(input: WeightsEdit, wait?: LockWait): Promise<ConfigWriteResult> {
    return this.written(input.focus_group_id, await this.repository.updateWeights(input, wait));
  }

  async updateCalibration(input: CalibrationEdit, wait?: LockWait): Promise<SectorConfigJson> {
    return (await this.written(input.focus_group_id, await this.repository.updateCalibration(input, wait)))
      .config;
  }

  async addCalibration(input: NewCalibration, wait?: LockWait): Promise<SectorConfigJson> {
    return (await this.written(input.focus_group_id, await this.repository.addCalibration(input, wait)))
      .config;
  }

  async revert(input: RevertRequest, wait?: LockWait): Promise<SectorConfigJson> {
    return (await this.written(input.focus_group_id, await this.repository.revert(input, wait))).config;
  }

  /** A whole change set undone as a new one: one transaction, one invalidation. */
  async revertChangeSet(input: ChangeSetRevert, wait?: LockWait): Promise<ConfigWriteResult> {
    return this.written(input.focus_group_id, await this.repository.revertChangeSet(input, wait));
  }

  /** Applies a share document in one transaction, then invalidates each sector it changed. */
  async importDocument(input: ImportRequest, wait?: LockWait): Promise<ImportPreview> {
    const applied = await this.repository.importDocument(input, wait);
    const changed = new Set(applied.differences.map((d) => d.focus_group_id));
    for (const id of changed) await this.invalidateCommitted(id);
    return applied;
  }

  /** After a committed write: invalidate, then read the sector back through the cache. */
  private async written(sectorId: string, saved: Saved): Promise<ConfigWriteResult> {
    if (saved.changed > 0) await this.invalidateCommitted(sectorId);
    return { config: (await this.getConfig(sectorId)).config, ...saved };
  }

  /** The write is committed whether or not the cache can be told now; it is told when it is back. */
  private async invalidateCommitted(sectorId: string): Promise<void> {
    try {
      await this.invalidate(sectorId);
    } catch (error) {
      if (!cacheUnavailable(error)) throw error;
      const note = 'cache unavailable: deleted when it returns';
      this.report({ type: 'DELETE', key: sectorKey(sectorId), at: Date.now(), duration_ms: 0, note });
    }
  }

  private bumpAll(): void {
    for (const key of new Set([...this.generations.keys(), ...this.flights.keys()])) this.bump(key);
  }

  private bump(key: string): void {
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.flights.delete(key);
    this.parsed.delete(key);
  }

  /**
   * The cached value, or undefined on a miss. A value that is not this app's (another program's
   * under the same key, an older version's, not JSON) is a miss logged as such, and the load that
   * follows replaces it; so is every read while the cache is unavailable.
   */
  private async read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const started = performance.now();
    let value: T | undefined;
    const reject = (raw: string) => {
      value = this.decode(key, raw, schema);
      return value === undefined ? NOT_OURS : null;
    };
    try {
      return (await this.store.get(key, reject)) === null ? undefined : value;
    } catch (error) {
      if (!cacheUnavailable(error)) throw error;
      const duration_ms = performance.now() - started;
      this.timings.set(`GET ${key}`, duration_ms);
      this.report({ type: 'MISS', key, at: Date.now(), duration_ms, note: 'cache unavailable' });
      return undefined;
    }
  }

  /** A cached string as a checked, frozen value; parsed and checked once per stored string. */
  private decode<T>(key: string, raw: string, schema: z.ZodType<T>): T | undefined {
    const memo = this.parsed.get(key);
    if (memo?.raw === raw) return memo.value as T;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const checked = schema.safeParse(json);
    if (!checked.success) return undefined;
    const value = deepFreeze(checked.data);
    this.parsed.set(key, { raw, value });
    return value;
  }

  /** Loads after a miss; concurrent misses of one key share the load. */
  private fill<T>(key: string, load: () => Promise<T>): Promise<Filled<T>> {
    const existing = this.flights.get(key) as Promise<Filled<T>> | undefined;
    if (existing) return existing;
    const flight = this.loadAndStore(key, load);
    this.flights.set(key, flight);
    const land = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.then(land, land);
    return flight;
  }

  private async loadAndStore<T>(key: string, load: () => Promise<T>): Promise<Filled<T>> {
    const generation = this.generations.get(key) ?? 0;
    const started = performance.now();
    if (this.latency > 0) await sleep(this.latency);
    const value = await load();
    const load_ms = performance.now() - started;
    if ((this.generations.get(key) ?? 0) !== generation) return { value, load_ms, store_ms: null };
    try {
      await this.store.set(key, JSON.stringify(value), this.ttlSeconds);
    } catch (error) {
      if (!cacheUnavailable(error)) throw error;
      return { value, load_ms, store_ms: null };
    }
    return { value, load_ms, store_ms: this.timings.get(`SET ${key}`) ?? null };
  }
}
