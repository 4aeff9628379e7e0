import { useEffect, useState } from 'react';
import type { Sector } from '../../../shared/domain';
import { call } from '../api/bridge';
import { useDbStatus } from './status';

/** The sectors in display order; empty until they are seeded. */
export function useSectors(): Sector[] {
  const { status } = useDbStatus();
  const seeded = (status?.focus_groups ?? 0) > 0;
  const [sectors, setSectors] = useState<Sector[]>([]);
  useEffect(() => {
    if (!seeded) return;
    let current = true;
    void call('sectors:list', {}).then((list) => {
      if (current && list !== null) setSectors([...list].sort((a, b) => a.display_order - b.display_order));
    });
    return () => {
      current = false;
    };
  }, [seeded]);
  return seeded ? sectors : [];
}

export interface SectorOption {
  value: string;
  label: string;
}

export function sectorOptions(sectors: Sector[]): SectorOption[] {
  return sectors.map((sector) => ({ value: sector.focus_group_id, label: sector.group_name }));
}
