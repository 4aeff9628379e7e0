/** maxmemory-policy values Redis 7.0 accepts, in the order its CONFIG SET error lists them. */
export const evictionPolicies = [
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'noeviction',
] as const;

export type EvictionPolicy = (typeof evictionPolicies)[number];

export function isEvictionPolicy(value: string): value is EvictionPolicy {
  return (evictionPolicies as readonly string[]).includes(value);
}
