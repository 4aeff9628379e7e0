import type { CacheEventType } from '../../../../shared/domain';

export const eventColors: Record<CacheEventType, string> = {
  HIT: 'teal',
  MISS: 'orange',
  SET: 'blue',
  DELETE: 'red',
  FLUSHALL: 'grape',
  EXPIRED: 'gray',
  EVICTED: 'yellow',
};
