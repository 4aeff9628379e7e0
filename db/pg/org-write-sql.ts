import type { OrgRow } from '../../shared/domain';
import type { FieldKind } from '../../shared/org-fields';
import type { OrgEngineSql } from '../core/org-repository';

const casts: Record<FieldKind, (p: string) => string> = {
  id: (p) => `${p}::uuid`,
  text: (p) => p,
  choice: (p) => p,
  sector: (p) => p,
  integer: (p) => `${p}::integer`,
  decimal: (p) => `${p}::numeric`,
  boolean: (p) => `${p}::boolean`,
  array: (p) => `ARRAY(SELECT json_array_elements_text(${p}::json))::varchar[]`,
  timestamp: (p) => `${p}::timestamp`,
  date: (p) => `${p}::date`,
};

/** PostgreSQL's side of the organization writes: typed parameters, the version to the millisecond. */
export const pgOrgSql: OrgEngineSql = {
  value: (kind, n) => casts[kind](`$${n}`),
  // Every writer of organizations queues on this row (migration 003), so the log's positions a write
  // reads after taking it are its own.
  lock: 'UPDATE organization_changes SET version = version + 1',
  nextVersion: 'organization_version_after(updated_at)',
  // Rows written before migration 007 keep microseconds; the app sees and sends milliseconds.
  versionIs: (n) => `date_trunc('milliseconds', updated_at) = $${n}::timestamp`,
  idList: (n) => `(SELECT json_array_elements_text($${n}::json)::uuid)`,
  decode: (row) => row as OrgRow,
};
