import type { CacheInfo } from '../../../shared/domain';
import { KeyspaceStore } from './keyspace-store';
import { createRedisStore, type RedisStoreOptions } from './redis-store';
import type { CacheStore } from './store';

/** host:port of a Redis URL, never its credentials. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
      return 'a REDIS_URL that is not redis://';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '6379'}`;
  } catch {
    return 'an invalid REDIS_URL';
  }
}

/**
 * The cache the configuration service uses: the embedded keyspace, or the Redis at `redisUrl`.
 * A Redis that cannot be reached at start does not stop the app: it falls back to the embedded
 * cache and says so in `info.warning`, which the shells print and the UI's header shows.
 */
export async function openCacheStore(
  redisUrl: string | undefined,
  options: RedisStoreOptions = {},
): Promise<{ store: CacheStore; info: CacheInfo }> {
  if (!redisUrl)
    return { store: new KeyspaceStore(), info: { kind: 'embedded', label: 'embedded', warning: null } };
  const address = redisAddress(redisUrl);
  try {
    const store = await createRedisStore(redisUrl, options);
    return { store, info: { kind: 'redis', label: `Redis at ${address}`, warning: null } };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(redisUrl, address) : String(error);
    return {
      store: new KeyspaceStore(),
      info: {
        kind: 'embedded',
        label: 'embedded',
        warning: `Redis at ${address} is unreachable (${reason}): using the embedded cache instead`,
      },
    };
  }
}
