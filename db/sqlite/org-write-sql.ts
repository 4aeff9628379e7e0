import type { OrgRow, OrgValue } from '../../shared/domain';
import { columnKind } from '../core/columns';
import type { OrgEngineSql } from '../core/org-repository';

/** SQLite's side of the organization writes: values bound as they are, ids as JSON arrays. */
export const sqliteOrgSql: OrgEngineSql = {
  value: (_kind, n) => `$${n}`,
  // The worker's IMMEDIATE transaction already holds the file's write lock.
  lock: null,
  nextVersion:
    "max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))",
  versionIs: (n) => `updated_at = $${n}`,
  idList: (n) => `(SELECT value FROM json_each($${n}))`,
  decode(row) {
    const typed: OrgRow = {};
    for (const [name, value] of Object.entries(row)) {
      const kind = columnKind(name);
      typed[name] =
        value === null || value === undefined
          ? null
          : kind === 'array'
            ? (JSON.parse(value as string) as string[])
            : kind === 'boolean'
              ? value === 1
              : (value as OrgValue);
    }
    return typed;
  },
};
