import type pg from 'pg';
import Cursor from 'pg-cursor';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { PgConnectionState } from '../pg/connection-state';
import { isConnectionLoss } from '../core/errors';
import { pgMigrate, pgSchemaVersion } from '../pg/migrate';
import { describePostgresUrl, openPgPool } from '../pg/pool';
import type { Endpoint, ServerIdentity } from './endpoint';
import type { Row } from './tables';
import { quoteIdentifier } from '../core/identifier';

const CHUNK = 2_000;
// PostgreSQL binds at most 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;

/** The SERIAL columns whose sequences must continue after the copied ids. */
const serials: Record<string, string> = {
  config_change_sets: 'change_set_id',
  focus_group_dimension_weights: 'weight_id',
  focus_group_calibrations: 'calibration_id',
  platform_parameters: 'parameter_id',
};

/**
 * Which server and database `pool` reaches, however the URL spells it (a host alias, IPv6, a Unix
 * socket, postgres:// or postgresql://); see sameServerDatabase.
 */
async function serverIdentity(pool: pg.Pool): Promise<ServerIdentity> {
  const { rows } = await pool.query<ServerIdentity & { readable: boolean }>(
    `SELECT format('%s.%s', current_database(), current_schema()) AS database,
            pg_postmaster_start_time()::text AS started,
            has_function_privilege('pg_control_system()', 'EXECUTE') AS readable, NULL AS system`,
  );
  const [identity] = rows;
  if (!identity) throw new Error('PostgreSQL returned no identity');
  const { readable, ...rest } = identity;
  if (!readable) return rest;
  const system = await pool.query<{ id: string }>(
    'SELECT system_identifier::text AS id FROM pg_control_system()',
  );
  return { ...rest, system: system.rows[0]?.id ?? null };
}

/**
 * A PostgreSQL database as one end of a copy. Values already arrive in the logical shapes (see
 * db/pg/pool.ts); table and column names come from the schema, values are bound. A server that
 * goes away ends the copy with one UNAVAILABLE sentence; the target's transaction is then rolled
 * back by the server.
 */
export async function openPgEnd(url: string, options: { applicationName?: string }): Promise<Endpoint> {
  const applicationName = options.applicationName ?? `sector-studio-copy:${randomUUID()}`;
  const label = describePostgresUrl(url);
  const state = new PgConnectionState(label, 'the copy stopped and changed nothing');
  const pool: pg.Pool = await openPgPool(url, {
    applicationName,
    max: 2,
    onLost: (error) => state.lost(error),
  });
  const answer = <T>(work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      throw state.failure(error);
    });
  return {
    label,
    identity: () => answer(serverIdentity(pool)),
    migrate: () => answer(pgMigrate(pool).then(() => {})),
    schemaVersion: () => answer(pgSchemaVersion(pool)),
    async columns(table) {
      const { rows } = await answer(
        pool.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [table],
        ),
      );
      return rows.map((r) => r.name);
    },
    async count(table) {
      const { rows } = await answer(
        pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`),
      );
      return rows[0]?.n ?? 0;
    },
    async *read(spec) {
      const client = await answer(pool.connect());
      try {
        const then = spec.thenBy === undefined ? '' : `, ${quoteIdentifier(spec.thenBy)} COLLATE "C"`;
        const order = `${quoteIdentifier(spec.key)}${spec.textKey ? ' COLLATE "C"' : ''}${then}`;
        const cursor = client.query(
          new Cursor<Record<string, unknown>>(
            `SELECT ${spec.columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(spec.name)} ORDER BY ${order}`,
            [],
            { rowMode: 'array' },
          ),
        );
        try {
          for (;;) {
            const rows = (await answer(cursor.read(CHUNK))) as unknown as Row[];
            if (rows.length === 0) break;
            yield rows;
          }
        } finally {
          await cursor.close().catch(() => {});
        }
      } finally {
        client.release();
      }
    },
    async replace(specs, source, onRows) {
      const client = await answer(pool.connect());
      let committing = false;
      try {
        await client.query('BEGIN');
        // Stored scores are not copied: derived from the rest, they are recomputed once the copy's
        // inserts have marked their sectors stale (migration 10).
        const derived = ['organization_scores'];
        await client.query(
          `TRUNCATE ${[...specs.map((s) => s.name), ...derived].map(quoteIdentifier).join(', ')}`,
        );
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
        committing = true;
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        if (committing && isConnectionLoss(error)) {
          throw new AppError(
            'UNAVAILABLE',
            `${label} went away while the copy was committing: whether it was saved is unknown; run the copy again with --replace`,
          );
        }
        throw state.failure(error);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
