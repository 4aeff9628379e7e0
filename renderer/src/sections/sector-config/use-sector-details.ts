import { useEffect, useState } from 'react';
import type { SectorDetails } from '../../../../shared/domain';
import { bridge } from '../../api/bridge';

export interface DetailsState {
  details: SectorDetails | null;
  /** The backend's message when the read failed (e.g. nothing was in force on that day). */
  error: string | null;
}

/**
 * A sector's details (today's, or `asOf`'s), read again whenever `version` changes: after a save,
 * an import or a reset. Errors are returned for the caller to show in place.
 */
export function useSectorDetails(
  sectorId: string | null,
  version: number,
  asOf: string | null = null,
): DetailsState {
  const [state, setState] = useState<{ key: string } & DetailsState>({ key: '', details: null, error: null });
  const key = `${sectorId}@${asOf}#${version}`;
  useEffect(() => {
    if (sectorId === null) return;
    let current = true;
    void bridge.invoke('config:details', { focus_group_id: sectorId, as_of: asOf }).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { key, details: result.value, error: null }
          : { key, details: null, error: result.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [sectorId, asOf, key]);
  // A previous sector's (or day's) details are never shown under another's name.
  if (state.key !== key) {
    const stale = state.details?.config.focus_group_id === sectorId && state.details.config.as_of === asOf;
    return { details: stale ? state.details : null, error: null };
  }
  return state;
}
