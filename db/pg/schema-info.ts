import type pg from 'pg';
import { storageStatus, type StorageCounts, type StorageStatus } from '../core/status';
import type { SchemaInfo } from '../../shared/domain';
import { pgMigrations, pgSchemaVersion } from './migrate';

interface ColumnRow {
  table_name: string;
  column_name: string;
  type: string;
  notnull: boolean;
  pk: boolean;
  default_value: string | null;
}

/**
 * The tables, the view, their columns and the indexes, as PostgreSQL's catalog reports them. A
 * table's `sql` is rebuilt from the catalog (PostgreSQL keeps no CREATE text); a view's is its
 * definition.
 */
export async function pgDescribeSchema(pool: pg.Pool): Promise<SchemaInfo> {
  const version = await pgSchemaVersion(pool);
  const objects = await pool.query<{
    name: string;
    type: 'table' | 'view';
    view_sql: string | null;
    row_count: number | null;
  }>(
    `SELECT c.relname AS name,
            CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END AS type,
            CASE c.relkind WHEN 'v' THEN pg_get_viewdef(c.oid, true) END AS view_sql,
            CASE c.relkind WHEN 'r' THEN c.reltuples::bigint END AS row_count
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v')
      ORDER BY c.relkind, c.oid`,
  );
  const columns = await pool.query<ColumnRow>(
    `SELECT c.relname AS table_name, a.attname AS column_name,
            format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
            EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS pk,
            pg_get_expr(d.adbin, d.adrelid) AS default_value
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const byTable = new Map<string, ColumnRow[]>();
  for (const row of columns.rows) byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row]);
  const indexes = await pool.query<{ name: string; table: string; sql: string }>(
    `SELECT indexname AS name, tablename AS "table", indexdef AS sql FROM pg_indexes
      WHERE schemaname = current_schema() ORDER BY tablename, indexname`,
  );
  return {
    version,
    latest_version: pgMigrations().length,
    objects: objects.rows.map((o) => {
      const cols = byTable.get(o.name) ?? [];
      const sql =
        o.view_sql !== null
          ? `CREATE VIEW ${o.name} AS\n${o.view_sql}`
          : `CREATE TABLE ${o.name} (\n${cols.map((c) => `  ${c.column_name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`).join(',\n')}\n)`;
      return {
        name: o.name,
        type: o.type,
        sql,
        // The planner's estimate: exact counts of a large table would cost a full scan per look.
        row_count: o.row_count === null ? null : Math.max(0, o.row_count),
        columns: cols.map((c) => ({
          name: c.column_name,
          type: c.type,
          notnull: c.notnull,
          pk: c.pk,
          default_value: c.default_value,
        })),
      };
    }),
    indexes: indexes.rows,
  };
}

export async function pgDatabaseStatus(pool: pg.Pool, label: string): Promise<StorageStatus> {
  const version = { schema: await pgSchemaVersion(pool), latest: pgMigrations().length };
  if (version.schema === 0) return storageStatus(label, version, null);
  const { rows } = await pool.query<StorageCounts>(
    `SELECT (SELECT count(*) FROM focus_groups) AS focus_groups,
            (SELECT count(*) FROM dimensions) AS dimensions,
            (SELECT count(*) FROM focus_group_dimension_weights WHERE is_current) AS weights,
            (SELECT count(*) FROM focus_group_calibrations WHERE is_current) AS calibrations,
            (SELECT count(*) FROM organizations) AS organizations`,
  );
  return storageStatus(label, version, rows[0] ?? null);
}
