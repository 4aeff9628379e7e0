import type { CacheEvent, FetchConfigResult, InvalidateResult, SectorConfigJson } from '../../shared/domain';
import type { ConfigRepository } from '../../db/repositories';
import type { CacheStore } from './cache/store';

export const sectorKey = (focusGroupId: string) => `sector:${focusGroupId}`;
export const ALL_SECTORS_KEY = 'sectors:all';
export const DEFAULT_TTL_SECONDS = 3600;

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
 */
export class SectorConfigService {
  private readonly flights = new Map<string, Promise<unknown>>();
  private readonly generations = new Map<string, number>();
  private readonly parsed = new Map<string, { raw: string; value: unknown }>();

  constructor(
    private readonly repository: ConfigRepository,
    private readonly store: CacheStore,
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
    /** Log lines the store cannot emit itself: an invalidated key that was not cached. */
    private readonly report: (event: CacheEvent) => void = () => {},
  ) {
    store.onEvent((event) => {
      if (!event.remote) return;
      if (event.key === null) this.bumpAll();
      else this.bump(event.key);
    });
  }

  async getConfig(focusGroupId: string): Promise<FetchConfigResult> {
    const started = performance.now();
    const key = sectorKey(focusGroupId);
    const cached = await this.read<SectorConfigJson>(key);
    const config =
      cached ??
      (await this.fill(key, async () => (await this.repository.loadSectorConfig(focusGroupId)).toJSON()));
    return { config, source: cached ? 'cache' : 'database', duration_ms: performance.now() - started };
  }

  async getAllSectors(): Promise<SectorConfigJson[]> {
    const cached = await this.read<SectorConfigJson[]>(ALL_SECTORS_KEY);
    if (cached) return cached;
    return this.fill(ALL_SECTORS_KEY, async () => {
      const sectors = await this.repository.listSectors();
      const configs = await Promise.all(
        sectors.map((s) => this.repository.loadSectorConfig(s.focus_group_id)),
      );
      return configs.map((c) => c.toJSON());
    });
  }

  /**
   * One sector (its key and the all-sectors list) or, with no sector, everything (FLUSHALL).
   * `note` says why when it is not the user's request (another process changed the sector). A
   * sector that was not cached still gets its DELETE line, marked "not cached".
   */
  async invalidate(focusGroupId?: string | null, note?: string): Promise<InvalidateResult> {
    if (!focusGroupId) {
      this.bumpAll();
      const keys = (await this.store.keys('*')).sort();
      await this.store.flushAll(note);
      return { scope: 'all', keys, deleted: keys.length };
    }
    const key = sectorKey(focusGroupId);
    const keys = [key, ALL_SECTORS_KEY];
    keys.forEach((k) => this.bump(k));
    const deleted = await this.store.del(keys, note);
    if (!deleted.includes(key)) {
      const why = note === undefined ? 'not cached' : `${note}; not cached`;
      this.report({ type: 'DELETE', key, at: Date.now(), duration_ms: 0, note: why });
    }
    return { scope: 'sector', keys, deleted: deleted.length };
  }

  async updateWeight(input: Parameters<ConfigRepository['updateWeight']>[0]): Promise<SectorConfigJson> {
    await this.repository.updateWeight(input);
    await this.invalidate(input.focus_group_id);
    return (await this.getConfig(input.focus_group_id)).config;
  }

  async updateCalibration(
    input: Parameters<ConfigRepository['updateCalibration']>[0],
  ): Promise<SectorConfigJson> {
    await this.repository.updateCalibration(input);
    await this.invalidate(input.focus_group_id);
    return (await this.getConfig(input.focus_group_id)).config;
  }

  private bumpAll(): void {
    for (const key of new Set([...this.generations.keys(), ...this.flights.keys()])) this.bump(key);
  }

  private bump(key: string): void {
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.flights.delete(key);
    this.parsed.delete(key);
  }

  /** The cached value, or undefined on a miss (a value that is not our JSON counts as a miss). */
  private async read<T>(key: string): Promise<T | undefined> {
    const raw = await this.store.get(key);
    if (raw === null) return undefined;
    const memo = this.parsed.get(key);
    if (memo?.raw === raw) return memo.value as T;
    try {
      const value = deepFreeze(JSON.parse(raw) as T);
      this.parsed.set(key, { raw, value });
      return value;
    } catch {
      return undefined;
    }
  }

  /** Loads after a miss; concurrent misses of one key share the load. */
  private fill<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.flights.get(key) as Promise<T> | undefined;
    if (existing) return existing;
    const flight = this.loadAndStore(key, load);
    this.flights.set(key, flight);
    const land = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.then(land, land);
    return flight;
  }

  private async loadAndStore<T>(key: string, load: () => Promise<T>): Promise<T> {
    const generation = this.generations.get(key) ?? 0;
    const value = await load();
    if ((this.generations.get(key) ?? 0) === generation) {
      await this.store.set(key, JSON.stringify(value), this.ttlSeconds);
    }
    return value;
  }
}
