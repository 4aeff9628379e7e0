import { useEffect, useState } from 'react';
import type { ScoreBreakdown } from '../../../../shared/scoring';
import { bridge } from '../../api/bridge';

/** One organization's breakdown; null while none is selected or it loads. */
export function useBreakdown(organizationId: string | null, asOf: string | null, version: number) {
  const [breakdown, setBreakdown] = useState<ScoreBreakdown | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (organizationId === null) return;
    let current = true;
    void bridge
      .invoke('scores:breakdown', { organization_id: organizationId, as_of: asOf })
      .then((result) => {
        if (!current) return;
        setBreakdown(result.ok ? result.value : null);
        setError(result.ok ? null : result.error.message);
      });
    return () => {
      current = false;
    };
  }, [organizationId, asOf, version]);
  return organizationId === null ? { breakdown: null, error: null } : { breakdown, error };
}
