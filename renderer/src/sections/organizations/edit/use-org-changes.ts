import { useEffect, useRef, useState } from 'react';
import { bridge } from '../../../api/bridge';
import { ownAfter } from './own-changes';

/** How often an open grid asks what others changed: within a second, as the issue asks. */
const POLL_MS = 500;

/**
 * Organizations other windows, processes or analysts inserted, edited or deleted since this grid last
 * read its rows: the count for "N changes — refresh", and `seen()` to call when the grid reads again.
 * `scores` moves when Org-AI-R scores are marked stale or recomputed (a weight saved here or
 * anywhere): the grid reads its rows again at once, as there is no one's edit to confirm.
 */
export function useOrgChanges(): { changes: number; seen: () => void; scores: number | null } {
  const [changes, setChanges] = useState(0);
  const [scores, setScores] = useState<number | null>(null);
  const after = useRef(0);
  const reset = useRef(true);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const base = reset.current ? 0 : after.current;
      const result = await bridge.invoke('orgs:changes', { after: base, own: ownAfter(base) });
      if (stopped || !result.ok) return;
      setScores(result.value.scores);
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
    scores,
    seen: () => {
      reset.current = true;
      setChanges(0);
    },
  };
}

/** Reads the rows again when the scores' version moves (not on its first value: the rows are new). */
export function useReadOnScores(scores: number | null, read: () => void): void {
  const seen = useRef(scores);
  useEffect(() => {
    if (seen.current !== null && scores !== seen.current) read();
    seen.current = scores;
  }, [scores, read]);
}
