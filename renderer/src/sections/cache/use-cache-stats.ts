import { useCallback, useEffect, useRef, useState } from 'react';
import type { CacheStats } from '../../../../shared/domain';
import { bridge, notifyError } from '../../api/bridge';

export interface StatsSnapshot {
  stats: CacheStats;
  /** When the stats were read, to count key TTLs down locally. */
  at: number;
}

/**
 * Stats read on mount and whenever `refresh` is called; bursts of calls collapse into one read.
 * While Redis is unreachable the last stats stay. `show` puts stats an action answered with.
 */
export function useCacheStats(): [StatsSnapshot | null, () => void, (stats: CacheStats) => void] {
  const [snapshot, setSnapshot] = useState<StatsSnapshot | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const load = useCallback(
    () =>
      bridge.invoke('cache:stats', {}).then((result) => {
        if (result.ok) setSnapshot({ stats: result.value, at: Date.now() });
        // The header's badge says the cache is unreachable; a notification per log line would repeat it.
        else if (result.error.code !== 'UNAVAILABLE') notifyError(result.error);
      }),
    [],
  );
  const refresh = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void load(), 60);
  }, [load]);
  useEffect(() => {
    void load();
    return () => window.clearTimeout(timer.current);
  }, [load]);
  const show = useCallback((stats: CacheStats) => setSnapshot({ stats, at: Date.now() }), []);
  return [snapshot, refresh, show];
}
