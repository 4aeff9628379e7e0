import { useEffect, useState } from 'react';
import type { SectorRanking } from '../../../../shared/scoring';
import { bridge } from '../../api/bridge';

export interface RankingQuery {
  sector: string;
  status: 'active' | 'inactive' | 'archived' | null;
  asOf: string | null;
  /** Bumped to read again (after a save elsewhere, or on demand). */
  version: number;
}

/** A sector's ranking; the last request wins, and an error is shown in place of the ranking. */
export function useRanking(query: RankingQuery | null) {
  const [ranking, setRanking] = useState<SectorRanking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { sector = '', status = null, asOf = null, version = 0 } = query ?? {};
  useEffect(() => {
    if (sector === '') return;
    let current = true;
    void bridge
      .invoke('scores:ranking', { focus_group_id: sector, status, as_of: asOf, limit: 25 })
      .then((result) => {
        if (!current) return;
        setRanking(result.ok ? result.value : null);
        setError(result.ok ? null : result.error.message);
      });
    return () => {
      current = false;
    };
  }, [sector, status, asOf, version]);
  return { ranking: sector === '' ? null : ranking, error };
}
