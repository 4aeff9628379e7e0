import { httpRoutes, type Input } from '../../../../shared/contract';

/** The browser host's download URL for an export; empty filters are left out, lists go as JSON. */
export function exportUrl(request: Input<'orgs:export'>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(name, JSON.stringify(value));
    } else params.set(name, String(value));
  }
  const query = params.toString();
  return `${httpRoutes.export.path}${query === '' ? '' : `?${query}`}`;
}
