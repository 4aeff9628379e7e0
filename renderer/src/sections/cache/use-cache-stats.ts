import { useCallback, useEffect, useRef, useState } from 'react';
import type { CacheStats } from '../../../../shared/domain';
import { call } from '../../api/bridge';

export interface StatsSnapshot {
  stats: CacheStats;
  /** When the stats were read, to count key TTLs down locally. */
  at: number;
}

/** Stats read on mount and whenever `refresh` is called; bursts of calls collapse into one read. */
export function useCacheStats(): [StatsSnapshot | null, () => void] {
  const [snapshot, setSnapshot] = useState<StatsSnapshot | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const load = useCallback(
    () => call('cache:stats', {}).then((stats) => stats !== null && setSnapshot({ stats, at: Date.now() })),
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
  return [snapshot, refresh];
}
