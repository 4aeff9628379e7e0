import type { Input } from '../../../../shared/contract';

export type ExportFilter = Input<'orgs:export'>;

/** The browser host's download URL for a filter; empty filters are left out. */
export function exportUrl(filter: ExportFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const query = params.toString();
  return `/api/export.csv${query === '' ? '' : `?${query}`}`;
}

export function exportFileName(filter: ExportFilter): string {
  return `organizations-${filter.focus_group_id?.replace(/^pe_/, '') ?? 'all'}.csv`;
}
