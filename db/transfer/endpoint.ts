import type { Row, TableSpec } from './tables';

/** One end of a copy: an SQLite file or a PostgreSQL database, read and written as logical rows. */
export interface Endpoint {
  /** What the user is shown: a file path, or "PostgreSQL at host:port/db" (never credentials). */
  label: string;
  /**
   * Which database this is however its location was spelled, to refuse a copy onto itself. Null
   * for a file, which is compared by device and inode before it is opened (see copy.ts).
   */
  identity(): Promise<ServerIdentity | null>;
  /** Creates the schema when the database has none (a target). */
  migrate(): Promise<void>;
  schemaVersion(): Promise<number>;
  columns(table: string): Promise<string[]>;
  count(table: string): Promise<number>;
  /** The table's rows in key order, in chunks. */
  read(spec: TableSpec): AsyncIterable<Row[]>;
  /** Replaces the rows of every table with `source`'s, in one transaction. */
  replace(
    specs: TableSpec[],
    source: (spec: TableSpec) => AsyncIterable<Row[]>,
    onRows: (n: number) => void,
  ): Promise<void>;
  /**
   * Closes the database. A file the copy created is moved into place when `keep`, and removed
   * otherwise: a failed copy leaves no new file behind.
   */
  close(keep: boolean): Promise<void>;
}

/** A PostgreSQL database as the server itself names it. */
export interface ServerIdentity {
  /** The database and the schema the tables are found in (search_path may name another). */
  database: string;
  /** When the server's postmaster started, to the microsecond. */
  started: string;
  /** The cluster's system identifier; null for a role that may not call pg_control_system(). */
  system: string | null;
}

/**
 * Whether two connections reach one database: the same name and schema on the same cluster. The system
 * identifier is drawn at initdb and kept across restarts (a streaming replica shares it with its
 * primary: the same data, refused alike); where a role may not read it (some managed services
 * revoke pg_control_system()), the postmaster's start time stands in, which two servers share
 * only by a coincidence to the microsecond.
 */
export function sameServerDatabase(a: ServerIdentity, b: ServerIdentity): boolean {
  if (a.database !== b.database) return false;
  return a.system !== null && b.system !== null ? a.system === b.system : a.started === b.started;
}
