import type { DbStatus } from '../../shared/domain';

export type StorageStatus = Omit<DbStatus, 'cache'>;
/** What a database holds: rows per configuration table (current versions only) and organizations. */
export type StorageCounts = Omit<StorageStatus, 'file' | 'schema_version' | 'latest_version'>;

/** A database's status, the same on every engine; without a schema, everything counts 0. */
export function storageStatus(
  file: string,
  version: { schema: number; latest: number },
  counts: StorageCounts | null,
): StorageStatus {
  return {
    file,
    schema_version: version.schema,
    latest_version: version.latest,
    focus_groups: 0,
    dimensions: 0,
    weights: 0,
    calibrations: 0,
    organizations: 0,
    ...counts,
  };
}
