import { arch, release, type } from 'node:os';
import type { KeyspaceCore } from '../backend/cache/core';
import { STARTUP_MEMORY } from '../backend/cache/core';

/** The version whose semantics the keyspace follows (the redis-server Debian ships). */
export const REDIS_VERSION = '7.0.15';

/** Redis bytesToHuman. */
function human(bytes: number): string {
  const units = ['K', 'M', 'G', 'T', 'P'];
  if (bytes < 1024) return `${bytes}B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)}${units[unit]}`;
}

type Section = 'server' | 'memory' | 'stats' | 'keyspace';
/** Redis prints sections in its own fixed order, whatever order they were asked in. */
const ORDER: readonly Section[] = ['server', 'memory', 'stats', 'keyspace'];

function lines(ks: KeyspaceCore, section: Section): string[] {
  switch (section) {
    case 'server': {
      const uptime = Math.floor((ks.clock.now() - ks.startedAt) / 1000);
      return [
        '# Server',
        `redis_version:${REDIS_VERSION}`,
        'redis_mode:standalone',
        `os:${type()} ${release()} ${arch()}`,
        'arch_bits:64',
        `process_id:${process.pid}`,
        `uptime_in_seconds:${uptime}`,
        `uptime_in_days:${Math.floor(uptime / 86400)}`,
        'hz:10',
      ];
    }
    case 'memory': {
      const used = ks.usedMemory();
      return [
        '# Memory',
        `used_memory:${used}`,
        `used_memory_human:${human(used)}`,
        `used_memory_startup:${STARTUP_MEMORY}`,
        `used_memory_dataset:${used - STARTUP_MEMORY}`,
        `maxmemory:${ks.maxmemory}`,
        `maxmemory_human:${human(ks.maxmemory)}`,
        `maxmemory_policy:${ks.maxmemoryPolicy}`,
      ];
    }
    case 'stats':
      return [
        '# Stats',
        `expired_keys:${ks.expired}`,
        `evicted_keys:${ks.evicted}`,
        `keyspace_hits:${ks.hits}`,
        `keyspace_misses:${ks.misses}`,
      ];
    case 'keyspace': {
      const keys = ks.dbsize();
      const out = ['# Keyspace'];
      if (keys > 0) out.push(`db0:keys=${keys},expires=${ks.volatileCount()},avg_ttl=${ks.averageTtl()}`);
      return out;
    }
  }
}

/** INFO [section ...]: default/all/everything select every section; unknown names select nothing. */
export function info(ks: KeyspaceCore, requested: readonly string[]): string {
  const wanted = new Set<Section>();
  const names = requested.length === 0 ? ['default'] : requested.map((s) => s.toLowerCase());
  for (const name of names) {
    if (name === 'default' || name === 'all' || name === 'everything') ORDER.forEach((s) => wanted.add(s));
    else if ((ORDER as readonly string[]).includes(name)) wanted.add(name as Section);
  }
  return ORDER.filter((s) => wanted.has(s))
    .map((s) => lines(ks, s).join('\r\n') + '\r\n')
    .join('\r\n');
}
