import { useEffect, useState } from 'react';
import type { OrgFacet } from '../../../../shared/org-facets';
import type { OrgFilter } from '../../../../shared/org-query';
import { bridge } from '../../api/bridge';

const count = new Intl.NumberFormat('en-US');

/** A count as a menu shows it: "142,858", or "≥ 3,120" when the facet was cut short. */
const shown = (facet: OrgFacet, n: number) => (facet.complete ? count.format(n) : `≥ ${count.format(n)}`);

/** A value's count as a menu shows it. */
export function facetCount(facet: OrgFacet | null, value: string | boolean): string | null {
  return facet === null ? null : shown(facet, facet.values.find((v) => v.value === value)?.count ?? 0);
}

/** Every matching organization, as the menu's "All" option counts them. */
export function facetTotal(facet: OrgFacet | null): string | null {
  return facet === null
    ? null
    : shown(
        facet,
        facet.values.reduce((sum, v) => sum + v.count, 0),
      );
}

/**
 * The counts of one column's values under a filter (less the column's own condition), read each time
 * its menu opens, so that they follow rows that changed since; null until they arrive or while closed.
 */
export function useFacet(filter: OrgFilter, column: string | null, open: boolean): OrgFacet | null {
  // Kept with the request it answers: a reply to another filter or column is never shown.
  const [answer, setAnswer] = useState<{ key: string; facet: OrgFacet | null } | null>(null);
  const key = open && column !== null ? JSON.stringify([filter, column]) : null;
  useEffect(() => {
    if (key === null) return;
    const [wanted, name] = JSON.parse(key) as [OrgFilter, string];
    let current = true;
    void bridge
      .invoke('orgs:facets', {
        focus_group_id: wanted.focus_group_id ?? null,
        status: wanted.status ?? null,
        search: wanted.search ?? null,
        where: wanted.where ?? [],
        columns: [name],
      })
      .then((result) => {
        // A menu without counts still works: a failure leaves them out rather than interrupting.
        if (current && result.ok) setAnswer({ key, facet: result.value.facets[0] ?? null });
      });
    return () => {
      current = false;
    };
  }, [key]);
  return answer !== null && answer.key === key ? answer.facet : null;
}
