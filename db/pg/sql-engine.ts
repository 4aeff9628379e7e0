import type pg from 'pg';
import type { SqlEngine, SqlSession } from '../core/sql';
import { noSchemaError } from '../core/migrations';
import { inSnapshot, inTransaction } from './pool';

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

/**
 * The engine-independent repositories over a pool: reads in one read-only REPEATABLE READ snapshot,
 * writes in one transaction on one connection (their statements take the row locks they need).
 */
export function pgEngine(pool: pg.Pool): SqlEngine {
  return {
    read: (work) => withSchema(() => inSnapshot(pool, (client) => work(session(client)))),
    write: (work) => withSchema(() => inTransaction(pool, (client) => work(session(client)))),
  };
}
