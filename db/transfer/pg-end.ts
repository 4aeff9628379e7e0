import type pg from 'pg';
import Cursor from 'pg-cursor';
import { randomUUID } from 'node:crypto';
import { pgMigrate, pgSchemaVersion } from '../pg/migrate';
import { describePostgresUrl, openPgPool } from '../pg/pool';
import type { Endpoint } from './endpoint';
import type { Row } from './tables';
import { quoteIdentifier } from '../identifier';

const CHUNK = 2_000;
// PostgreSQL binds at most 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;

/** The SERIAL columns whose sequences must continue after the copied ids. */
const serials: Record<string, string> = {
  focus_group_dimension_weights: 'weight_id',
  focus_group_calibrations: 'calibration_id',
};

/**
 * A PostgreSQL database as one end of a copy. Values already arrive in the logical shapes (see
 * db/pg/pool.ts); table and column names come from the schema, values are bound.
 */
export async function openPgEnd(
  url: string,
  options: { create: boolean; applicationName?: string },
): Promise<Endpoint> {
  const applicationName = options.applicationName ?? `sector-studio-copy:${randomUUID()}`;
  const pool: pg.Pool = await openPgPool(url, { applicationName, max: 2 });
  if (options.create) await pgMigrate(pool);
  return {
    label: describePostgresUrl(url),
    schemaVersion: () => pgSchemaVersion(pool),
    async columns(table) {
      const { rows } = await pool.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      return rows.map((r) => r.name);
    },
    async count(table) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`);
      return rows[0]?.n ?? 0;
    },
    async *read(spec) {
      const client = await pool.connect();
      try {
        const order = `${quoteIdentifier(spec.key)}${spec.textKey ? ' COLLATE "C"' : ''}`;
        const cursor = client.query(
          new Cursor<Record<string, unknown>>(
            `SELECT ${spec.columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(spec.name)} ORDER BY ${order}`,
            [],
            { rowMode: 'array' },
          ),
        );
        try {
          for (;;) {
            const rows = (await cursor.read(CHUNK)) as unknown as Row[];
            if (rows.length === 0) break;
            yield rows;
          }
        } finally {
          await cursor.close();
        }
      } finally {
        client.release();
      }
    },
    async replace(specs, source, onRows) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`TRUNCATE ${specs.map((s) => quoteIdentifier(s.name)).join(', ')}`);
        for (const spec of specs) {
          const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / spec.columns.length));
          const head = `INSERT INTO ${quoteIdentifier(spec.name)} (${spec.columns.map(quoteIdentifier).join(', ')}) VALUES `;
          for await (const rows of source(spec)) {
            for (let start = 0; start < rows.length; start += perStatement) {
              const part = rows.slice(start, start + perStatement);
              const width = spec.columns.length;
              const tuples = part.map(
                (_, r) => `(${spec.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`,
              );
              await client.query(head + tuples.join(', '), part.flat(1));
            }
            onRows(rows.length);
          }
          const serial = serials[spec.name];
          if (serial) {
            await client.query(
              `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quoteIdentifier(serial)}) FROM ${quoteIdentifier(spec.name)}), 0) + 1, false)`,
              [spec.name, serial],
            );
          }
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
