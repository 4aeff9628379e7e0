import { useEffect, useState } from 'react';
import type { CacheLogEntry } from '../../../../shared/domain';
import { call, useBridgeEvent } from '../../api/bridge';

const keep = 500;

/** Newest first, without duplicates: the history load and the live stream may overlap. */
function merge(current: CacheLogEntry[], incoming: CacheLogEntry[]): CacheLogEntry[] {
  const bySeq = new Map(current.map((entry) => [entry.seq, entry]));
  for (const entry of incoming) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, keep);
}

/** The cache log: the service's history on mount, then every event as it happens. */
export function useCacheLog(onEvent: (entry: CacheLogEntry) => void): CacheLogEntry[] {
  const [entries, setEntries] = useState<CacheLogEntry[]>([]);
  useEffect(() => {
    void call('cache:log', {}).then((history) => history !== null && setEntries((e) => merge(e, history)));
  }, []);
  useBridgeEvent('cache:log', (entry) => {
    setEntries((e) => merge(e, [entry]));
    onEvent(entry);
  });
  return entries;
}
