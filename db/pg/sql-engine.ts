import type pg from 'pg';
import { LOCK_RETRY_MS, retryWhileBusy } from '../core/lock-wait';
import type { SqlEngine, SqlSession } from '../core/sql';
import { noSchemaError } from '../core/migrations';
import type { LockWait } from '../port';
import { inSnapshot, inTransaction, LOCK_TIMEOUT_MS } from './pool';

function session(client: pg.PoolClient): SqlSession {
  return {
    rows: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    row: async <T>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows[0] as T | undefined,
    run: async (sql, params = []) => {
      await client.query(sql, params);
    },
  };
}

/** A missing table means the schema was never initialized: the same NO_SCHEMA as on SQLite. */
async function withSchema<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === '42P01') throw noSchemaError();
    throw error;
  }
}

/** lock_not_available: a statement waited for a row lock longer than lock_timeout. */
const isLockTimeout = (error: unknown) => error instanceof Error && 'code' in error && error.code === '55P03';

/**
 * A write that waits for another session's locks as `wait` asks: each try's statements wait at
 * most one short lock_timeout, and a try that times out rolls back whole (nothing of it was
 * written) and runs again, so that between tries the wait is reported and a cancel heard. After
 * the pool's own lock_timeout the write fails with BUSY, as one long wait would.
 */
function writeWaiting<T>(pool: pg.Pool, work: (db: SqlSession) => Promise<T>, wait: LockWait): Promise<T> {
  const attempt = () =>
    inTransaction(pool, async (client) => {
      await client.query("SELECT set_config('lock_timeout', $1, true)", [`${LOCK_RETRY_MS}ms`]);
      return work(session(client));
    });
  return retryWhileBusy(attempt, isLockTimeout, LOCK_TIMEOUT_MS, wait);
}

/**
 * The engine-independent repositories over a pool: reads in one read-only REPEATABLE READ snapshot,
 * writes in one transaction on one connection (their statements take the row locks they need).
 */
export function pgEngine(pool: pg.Pool): SqlEngine {
  return {
    read: (work) => withSchema(() => inSnapshot(pool, (client) => work(session(client)))),
    write: (work, wait) =>
      withSchema(() =>
        wait === undefined
          ? inTransaction(pool, (client) => work(session(client)))
          : writeWaiting(pool, work, wait),
      ),
  };
}
