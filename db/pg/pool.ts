import pg from 'pg';
import { AppError } from '../../shared/errors';
import { isConnectionLoss, lossReason } from '../core/errors';

/** Whether a database location is a PostgreSQL URL rather than an SQLite file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * "PostgreSQL at host:port/database": what the app shows of a URL, never its credentials. The host
 * and port may come from the query (?host=/run/postgresql for a Unix socket), as libpq allows.
 */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    const port = parsed.port || parsed.searchParams.get('port') || '5432';
    return `PostgreSQL at ${host}:${port}/${database}`;
  } catch {
    return 'PostgreSQL (unreadable URL)';
  }
}

/**
 * Values as the SQLite side returns them, so that both engines hand the services the same shapes:
 * DECIMAL and bigint counts as numbers (the schema's scales fit a double exactly), DATE as
 * YYYY-MM-DD, TIMESTAMP as an ISO string in UTC.
 */
/** "2026-12-01 14:11:34.5" as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ') writes it: 2026-12-01T14:11:34.500Z. */
function isoTimestamp(value: string): string {
  const [seconds = '', fraction = ''] = value.split('.');
  return `${seconds.replace(' ', 'T')}.${fraction.slice(0, 3).padEnd(3, '0')}Z`;
}

export const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const { builtins } = pg.types;
    if (oid === builtins.NUMERIC || oid === builtins.INT8) return (value: string) => Number(value);
    if (oid === builtins.DATE) return (value: string) => value;
    if (oid === builtins.TIMESTAMP) return isoTimestamp;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** How long a writer waits for another session's lock before BUSY: 30 s, as on the SQLite file. */
export const LOCK_TIMEOUT_MS = 30_000;

export interface PgPoolOptions {
  /** Sent as application_name: how this instance recognises its own configuration changes. */
  applicationName: string;
  max?: number;
  /** A connection of the pool, idle or in use, failed or was closed by the server. */
  onLost?: (error: Error) => void;
  /** A new connection succeeded (after a loss: the server is back). */
  onConnected?: () => void;
}

/**
 * A connection pool on `url` (libpq-style URL; sslmode and the other TLS parameters pass through to
 * node-postgres). Resolves once one connection succeeds, so that a wrong URL is one clear error at
 * start instead of a failure on the first click.
 */
export async function openPgPool(url: string, options: PgPoolOptions): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: options.applicationName,
    max: options.max ?? 8,
    connectionTimeoutMillis: 10_000,
    types: typeParsers,
    // TIMESTAMP columns hold UTC, as the SQLite schema's do; a writer waits for a lock at most 30 s,
    // as on the SQLite file, and then gets BUSY (55P03) instead of waiting for ever behind a script.
    options: `-c TimeZone=UTC -c lock_timeout=${LOCK_TIMEOUT_MS}`,
    keepAlive: true,
  });
  // A connection the server drops emits 'error': on the pool while idle, on the client while in use
  // (its query rejects as well). Without a listener either one ends the process.
  const lost = (error: Error) => options.onLost?.(error);
  pool.on('error', lost);
  pool.on('connect', (client) => {
    client.on('error', lost);
    options.onConnected?.();
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new AppError(
      isConnectionLoss(error) ? 'UNAVAILABLE' : 'DB_ERROR',
      `Cannot connect to ${describePostgresUrl(url)}: ${lossReason(error)}`,
    );
  }
  return pool;
}

/**
 * Runs `work` in one transaction on one connection of the pool (started by `begin`, which may set
 * an isolation level); rolls back when it throws.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs `work` on one connection in one read-only REPEATABLE READ transaction: everything it reads
 * comes from one snapshot, whatever other sessions commit meanwhile.
 */
export function inSnapshot<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}
