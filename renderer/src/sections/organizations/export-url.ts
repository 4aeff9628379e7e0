import { httpRoutes } from '../../../../shared/contract';
import type { OrgSelection } from '../../../../shared/org-query';

/** The browser host's download URL for a selection; empty filters are left out. */
export function exportUrl(selection: Partial<OrgSelection>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(selection)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const query = params.toString();
  return `${httpRoutes.export.path}${query === '' ? '' : `?${query}`}`;
}
