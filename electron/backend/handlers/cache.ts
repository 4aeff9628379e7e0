import type { CacheStats } from '../../../shared/domain';
import { sectorKey } from '../config-service';
import type { BackendContext, FeatureHandlers } from './context';

export function cacheHandlers({
  store,
  cacheLog,
  configService,
}: BackendContext): FeatureHandlers<
  | 'cache:fetch'
  | 'cache:invalidate'
  | 'cache:stats'
  | 'cache:log'
  | 'cache:settings'
  | 'cache:setSimulatedLatency'
  | 'cache:resetStats'
> {
  const settings = () => ({ simulated_latency_ms: configService.simulatedLatency });
  const stats = async (): Promise<CacheStats> => {
    const [stats, keys] = await Promise.all([store.stats(), store.keys('*')]);
    const ttls = await Promise.all(keys.sort().map(async (key) => ({ key, ttl_ms: await store.pttl(key) })));
    const { hits, misses } = cacheLog.lookups();
    return {
      hits,
      misses,
      hit_rate: hits + misses === 0 ? 0 : hits / (hits + misses),
      keyspace_hits: stats.keyspace_hits,
      keyspace_misses: stats.keyspace_misses,
      keys: ttls.filter((k) => k.ttl_ms !== -2),
      used_memory: stats.used_memory,
      used_memory_startup: stats.used_memory_startup,
      maxmemory: stats.maxmemory,
      maxmemory_policy: stats.maxmemory_policy,
      expired_keys: stats.expired_keys,
      evicted_keys: stats.evicted_keys,
    };
  };
  return {
    'cache:fetch': async ({ focus_group_id }) => {
      const after = cacheLog.lastSeq();
      const result = await configService.getConfig(focus_group_id);
      if (result.source === 'database')
        cacheLog.completeMiss(sectorKey(focus_group_id), after, result.duration_ms);
      return result;
    },
    'cache:invalidate': ({ focus_group_id }) => configService.invalidate(focus_group_id),
    'cache:stats': stats,
    // The service's own counters: a Redis shared with other instances keeps its server-wide INFO stats.
    'cache:resetStats': () => {
      cacheLog.resetLookups();
      return stats();
    },
    'cache:log': () => cacheLog.recent(),
    'cache:settings': settings,
    'cache:setSimulatedLatency': ({ simulated_latency_ms }) => {
      configService.setSimulatedLatency(simulated_latency_ms);
      return settings();
    },
  };
}
