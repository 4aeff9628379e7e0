import type { Db } from './connection';

/**
 * A value that moves with any commit to the file: another connection's (PRAGMA data_version) or
 * this connection's own (total_changes(), which data_version does not count).
 */
export function sqliteDataVersion(db: Db): () => string {
  const read = db.prepare<[], string>(
    "SELECT (SELECT data_version FROM pragma_data_version) || ':' || total_changes()",
  );
  return () => read.pluck().get() as string;
}
