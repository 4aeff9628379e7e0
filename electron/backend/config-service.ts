import type { FetchConfigResult, InvalidateResult, SectorConfigJson } from '../../shared/domain';
import type { ConfigRepository } from '../../db/repositories';
import type { CacheStore } from './cache/store';

export const sectorKey = (focusGroupId: string) => `sector:${focusGroupId}`;
export const ALL_SECTORS_KEY = 'sectors:all';
export const DEFAULT_TTL_SECONDS = 3600;

interface Flight<T> {
  promise: Promise<T>;
}

/**
 * The sector configuration service: cache-aside over a CacheStore, with single-flight loads and
 * invalidation after every committed write.
 *
 * Stale-write guard: each key has a generation that invalidation bumps. A load that started before
 * an invalidation does not write its (now old) value back, and readers arriving after the
 * invalidation do not join it. This relies on the store applying one client's commands in the order
 * they are sent, as the embedded keyspace and a single Redis connection do.
 */
export class SectorConfigService {
  private readonly flights = new Map<string, Flight<unknown>>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly repository: ConfigRepository,
    private readonly store: CacheStore,
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
  ) {}

  async getConfig(focusGroupId: string): Promise<FetchConfigResult> {
    const started = performance.now();
    const { value, source } = await this.cached(sectorKey(focusGroupId), async () =>
      (await this.repository.loadSectorConfig(focusGroupId)).toJSON(),
    );
    return { config: value, source, duration_ms: performance.now() - started };
  }

  async getAllSectors(): Promise<SectorConfigJson[]> {
    const { value } = await this.cached(ALL_SECTORS_KEY, async () => {
      const sectors = await this.repository.listSectors();
      const configs = await Promise.all(
        sectors.map((s) => this.repository.loadSectorConfig(s.focus_group_id)),
      );
      return configs.map((c) => c.toJSON());
    });
    return value;
  }

  /** One sector (its key and the all-sectors list) or, with no sector, everything (FLUSHALL). */
  async invalidate(focusGroupId?: string | null): Promise<InvalidateResult> {
    if (!focusGroupId) {
      for (const key of new Set([...this.generations.keys(), ...this.flights.keys()])) this.bump(key);
      await this.store.flushAll();
      return { scope: 'all', keys: [], deleted: 0 };
    }
    const keys = [sectorKey(focusGroupId), ALL_SECTORS_KEY];
    keys.forEach((key) => this.bump(key));
    const deleted = await this.store.del(keys);
    return { scope: 'sector', keys, deleted };
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

  private bump(key: string): void {
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.flights.delete(key);
  }

  private cached<T>(
    key: string,
    load: () => Promise<T>,
  ): Promise<{ value: T; source: 'cache' | 'database' }> {
    const existing = this.flights.get(key) as Flight<{ value: T; source: 'cache' | 'database' }> | undefined;
    if (existing) return existing.promise;
    const flight = { promise: this.readThrough(key, load) };
    this.flights.set(key, flight);
    const land = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.promise.then(land, land);
    return flight.promise;
  }

  private async readThrough<T>(
    key: string,
    load: () => Promise<T>,
  ): Promise<{ value: T; source: 'cache' | 'database' }> {
    const generation = this.generations.get(key) ?? 0;
    const hit = await this.store.get(key);
    if (hit !== null) {
      try {
        return { value: JSON.parse(hit) as T, source: 'cache' };
      } catch {
        // A value that is not our JSON (written by something else) is treated as a miss and replaced.
      }
    }
    const value = await load();
    if ((this.generations.get(key) ?? 0) === generation) {
      await this.store.set(key, JSON.stringify(value), this.ttlSeconds);
    }
    return { value, source: 'database' };
  }
}
