import type { Row, TableSpec } from './tables';

/** One end of a copy: an SQLite file or a PostgreSQL database, read and written as logical rows. */
export interface Endpoint {
  /** What the user is shown: a file path, or "PostgreSQL at host:port/db" (never credentials). */
  label: string;
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
  close(): Promise<void>;
}
