import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type { Storage } from '../../electron/backend/storage';

export type PgOrganizationStore = Pick<
  Storage,
  | 'queryOrganizations'
  | 'countOrganizations'
  | 'organizationColumns'
  | 'organizationRows'
  | 'insertSampleOrganizations'
  | 'exportOrganizations'
>;

// TEMPORARY (team-mode work in progress): replaced by the PostgreSQL organization store.
export function pgOrganizationStore(pool: pg.Pool): PgOrganizationStore {
  void pool;
  return new Proxy(
    {},
    {
      get: () => () =>
        Promise.reject(new AppError('INTERNAL', 'PostgreSQL organization store not built yet')),
    },
  ) as PgOrganizationStore;
}
