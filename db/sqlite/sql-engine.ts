import type { Statement } from 'better-sqlite3';
import { noSchemaError } from '../core/migrations';
import type { SqlEngine, SqlSession, SqlValue } from '../core/sql';
import type { LockWait } from '../port';
import type { Db } from './connection';
import { beginImmediate } from './write-lock';

/** $1, $2, … as SQLite's named parameters "1", "2", …: one placeholder style for both engines. */
function named(params: SqlValue[]): Record<string, SqlValue> {
  const values: Record<string, SqlValue> = {};
  params.forEach((value, i) => (values[i + 1] = value));
  return values;
}

/**
 * The engine-independent repositories over one better-sqlite3 connection. Statements are prepared
 * once per SQL text. The work's awaits resolve at once (better-sqlite3 is synchronous), so a
 * transaction ends before this thread handles its next message. Inside a transaction the caller
 * already opened (the worker's tracked write), work joins it.
 */
export function sqliteEngine(db: Db): SqlEngine {
  const statements = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const session: SqlSession = {
    rows: async <T>(sql: string, params: SqlValue[] = []) => prepared(sql).all(named(params)) as T[],
    row: async <T>(sql: string, params: SqlValue[] = []) => prepared(sql).get(named(params)) as T | undefined,
    run: async (sql, params = []) => {
      prepared(sql).run(named(params));
    },
  };
  async function transaction<T>(
    begin: () => Promise<void>,
    work: (db: SqlSession) => Promise<T>,
  ): Promise<T> {
    if (db.inTransaction) return work(session);
    await begin();
    try {
      const value = await work(session);
      db.exec('COMMIT');
      return value;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      // Before `init` the tables are missing: the same NO_SCHEMA as every other operation gives.
      if (db.pragma('user_version', { simple: true }) === 0) throw noSchemaError();
      throw error;
    }
  }
  return {
    read: (work) =>
      transaction(async () => {
        db.exec('BEGIN');
      }, work),
    // IMMEDIATE: the write lock is taken before the first read, so a write never fails half-way with BUSY_SNAPSHOT.
    write: (work, wait?: LockWait) => transaction(() => beginImmediate(db, wait), work),
  };
}
