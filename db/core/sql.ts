import type { LockWait } from '../port';

/** A value bound to a statement: both engines take these as they are. */
export type SqlValue = string | number | null;

/** Statements run on one connection, inside the transaction `SqlEngine` opened. */
export interface SqlSession {
  rows<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  row<T>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: SqlValue[]): Promise<void>;
}

/**
 * How an engine runs the engine-independent repositories' work: reads of several statements from
 * one snapshot, and writes in one transaction that commits or rolls back whole, waiting for another
 * process's lock as `wait` asks (reporting, cancellable). SQL text comes from the engine's own
 * statement table; values are always bound. A write's work may run again after a lock wait, so it
 * keeps its state inside the transaction.
 */
export interface SqlEngine {
  read<T>(work: (db: SqlSession) => Promise<T>): Promise<T>;
  write<T>(work: (db: SqlSession) => Promise<T>, wait?: LockWait): Promise<T>;
}
