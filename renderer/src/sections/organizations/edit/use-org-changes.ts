import { useEffect, useRef, useState } from 'react';
import { bridge } from '../../../api/bridge';
import { ownAfter } from './own-changes';

/** How often an open grid asks what others changed: within a second, as the issue asks. */
const POLL_MS = 500;

/**
 * Organizations other windows, processes or analysts inserted, edited or deleted since this grid last
 * read its rows: the count for "N changes — refresh", and `seen()` to call when the grid reads again.
 */
export function useOrgChanges(): { changes: number; seen: () => void } {
  const [changes, setChanges] = useState(0);
  const after = useRef(0);
  const reset = useRef(true);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const base = reset.current ? 0 : after.current;
      const result = await bridge.invoke('orgs:changes', { after: base, own: ownAfter(base) });
      if (stopped || !result.ok) return;
      if (reset.current) {
        reset.current = false;
        setChanges(0);
      } else setChanges((n) => n + result.value.changes);
      after.current = result.value.last;
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return {
    changes,
    seen: () => {
      reset.current = true;
      setChanges(0);
    },
  };
}
