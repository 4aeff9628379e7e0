import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react';
import type { DbStatus } from '../../../shared/domain';
import { call, useBridgeEvent } from '../api/bridge';

interface StatusValue {
  /** null until the first answer arrives */
  status: DbStatus | null;
  refresh: () => Promise<void>;
}

const StatusContext = createContext<StatusValue | null>(null);

/**
 * What the database holds: read whenever a section opens, and after every change a section makes.
 * The cache's state is pushed as it changes (a shared Redis lost or back), without waiting for either.
 */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<DbStatus | null>(null);
  const refresh = useCallback(async () => {
    const next = await call('db:status', {});
    if (next !== null) setStatus(next);
  }, []);
  useBridgeEvent('cache:status', (cache) => setStatus((current) => current && { ...current, cache }));
  const value = useMemo(() => ({ status, refresh }), [status, refresh]);
  return <StatusContext value={value}>{children}</StatusContext>;
}

export function useDbStatus(): StatusValue {
  const value = use(StatusContext);
  if (value === null) throw new Error('useDbStatus outside StatusProvider');
  return value;
}
