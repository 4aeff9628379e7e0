import { useCallback, useRef, useState } from 'react';
import type { Input } from '../../../../shared/contract';
import type { OrgSortColumn, OrgStatus } from '../../../../shared/org-query';
import type { OrgPage } from '../../../../shared/domain';
import { call } from '../../api/bridge';
import { lastPageFromReversed, type Placed } from './last-page';

export interface OrgFilter {
  focus_group_id: string | null;
  status: OrgStatus | null;
  /** Part of a legal or display name; null for none. */
  search: string | null;
  sort: OrgSortColumn;
  dir: 'asc' | 'desc';
  limit: number;
}

export interface OrgPager {
  page: OrgPage | null;
  /** Zero-based position of the page's first row within the filter. */
  start: number;
  loading: boolean;
  first: (filter: OrgFilter) => Promise<void>;
  next: () => Promise<void>;
  prev: () => Promise<void>;
  last: () => Promise<void>;
}

type Query = Partial<Pick<Input<'orgs:query'>, 'after' | 'before' | 'dir'>>;

/**
 * Keyset paging over vw_organizations_full: each page is one SQL query from the neighbour's cursor,
 * so a page costs the same at row 50 as at row 500,000 and the table never crosses IPC whole.
 */
export function useOrgPager(): OrgPager {
  const [placed, setPlaced] = useState<Placed | null>(null);
  const [loading, setLoading] = useState(false);
  const filter = useRef<OrgFilter | null>(null);
  const request = useRef(0);

  const load = useCallback(async (query: Query, place: (result: OrgPage) => Placed) => {
    const current = filter.current;
    if (current === null) return;
    const id = ++request.current;
    setLoading(true);
    const result = await call('orgs:query', { ...current, ...query });
    // A slower answer to an older request must not overwrite a newer one.
    if (id !== request.current) return;
    setLoading(false);
    if (result !== null) setPlaced(place(result));
  }, []);

  const page = placed?.page ?? null;
  const start = placed?.start ?? 0;
  const first = useCallback(
    (next: OrgFilter) => {
      filter.current = next;
      return load({}, (result) => ({ page: result, start: 0 }));
    },
    [load],
  );
  const next = useCallback(async () => {
    if (page?.next_cursor == null) return;
    const shown = page.rows.length;
    await load({ after: page.next_cursor }, (result) => ({ page: result, start: start + shown }));
  }, [load, page, start]);
  const prev = useCallback(async () => {
    if (page?.prev_cursor == null) return;
    await load({ before: page.prev_cursor }, (result) => ({
      page: result,
      start: Math.max(0, start - result.rows.length),
    }));
  }, [load, page, start]);
  const last = useCallback(async () => {
    const dir = filter.current?.dir === 'desc' ? 'asc' : 'desc';
    await load({ dir }, lastPageFromReversed);
  }, [load]);

  return { page, start, loading, first, next, prev, last };
}
