import type { SchemaInfo } from '../../shared/domain';
import { storageStatus, type StorageCounts, type StorageStatus } from '../core/status';
import type { Db } from './connection';
import { quoteIdentifier } from '../core/identifier';
import { latestVersion, schemaVersion } from './migrate';

interface SchemaRow {
  name: string;
  type: 'table' | 'view';
  sql: string;
}

interface PragmaColumn {
  name: string;
  type: string;
  notnull: number;
  pk: number;
  dflt_value: string | null;
}

/** The tables, the view, their columns and the indexes, as SQLite itself reports them. */
export function describeSchema(db: Db): SchemaInfo {
  const objects = db
    .prepare<[], SchemaRow>(
      `SELECT name, type, sql FROM sqlite_schema
       WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
       ORDER BY type, rowid`,
    )
    .all();
  const columns = db.prepare<[string], PragmaColumn>(
    'SELECT name, type, "notnull", pk, dflt_value FROM pragma_table_info(?)',
  );
  const isTable = new Set(objects.filter((o) => o.type === 'table').map((o) => o.name));
  return {
    version: schemaVersion(db),
    latest_version: latestVersion(),
    objects: objects.map((o) => ({
      name: o.name,
      type: o.type,
      sql: o.sql,
      // Row counts only for tables: counting the view would join a possibly large table eight ways.
      row_count: isTable.has(o.name) ? countRows(db, o.name) : null,
      columns: columns.all(o.name).map((c) => ({
        name: c.name,
        type: c.type,
        notnull: c.notnull === 1,
        pk: c.pk > 0,
        default_value: c.dflt_value,
      })),
    })),
    indexes: db
      .prepare<[], { name: string; table: string; sql: string }>(
        `SELECT name, tbl_name AS "table", sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY tbl_name, name`,
      )
      .all(),
  };
}

/** `table` comes from sqlite_schema, never from a caller. */
function countRows(db: Db, table: string): number {
  return db
    .prepare(`SELECT count(*) FROM ${quoteIdentifier(table)}`)
    .pluck()
    .get() as number;
}

export function databaseStatus(db: Db, file: string): StorageStatus {
  const version = { schema: schemaVersion(db), latest: latestVersion() };
  if (version.schema === 0) return storageStatus(file, version, null);
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM focus_groups) AS focus_groups,
              (SELECT count(*) FROM dimensions) AS dimensions,
              (SELECT count(*) FROM focus_group_dimension_weights WHERE is_current = 1) AS weights,
              (SELECT count(*) FROM focus_group_calibrations WHERE is_current = 1) AS calibrations,
              (SELECT count(*) FROM organizations) AS organizations`,
    )
    .get() as StorageCounts;
  return storageStatus(file, version, counts);
}
