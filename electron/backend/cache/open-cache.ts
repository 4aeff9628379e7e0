import type { CacheInfo } from '../../../shared/domain';
import { KeyspaceStore } from './keyspace-store';
import { createRedisStore, redisAddress, type RedisStoreOptions } from './redis-store';
import type { CacheStore } from './store';

/**
 * The cache the configuration service uses: the embedded keyspace, or the Redis at `redisUrl`.
 * A Redis that cannot be reached at start does not stop the app: it falls back to the embedded
 * cache and says so in `warning`, which the shells print and the UI's header shows. A Redis lost
 * later is said the same way, for as long as it is unreachable (`info()` is read each time).
 */
export async function openCacheStore(
  redisUrl: string | undefined,
  options: RedisStoreOptions = {},
): Promise<{ store: CacheStore; info: () => CacheInfo }> {
  if (!redisUrl) {
    const info: CacheInfo = { kind: 'embedded', label: 'embedded', warning: null, unreachable_since: null };
    return { store: new KeyspaceStore(), info: () => info };
  }
  const address = redisAddress(redisUrl);
  try {
    const store = await createRedisStore(redisUrl, options);
    return {
      store,
      info: () => {
        const since = store.unreachableSince();
        const warning =
          since === null
            ? null
            : `Redis at ${address} unreachable since ${new Date(since).toISOString()}: reading from the database; edits are saved`;
        return { kind: 'redis', label: `Redis at ${address}`, warning, unreachable_since: since };
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(redisUrl, address) : String(error);
    const info: CacheInfo = {
      kind: 'embedded',
      label: 'embedded',
      warning: `Redis at ${address} is unreachable (${reason}): using the embedded cache instead`,
      unreachable_since: null,
    };
    return { store: new KeyspaceStore(), info: () => info };
  }
}
