import { LOCK_RETRY_MS, retryWhileBusy } from '../core/lock-wait';
import type { LockWait } from '../port';
import type { Db } from './connection';

const isBusy = (error: unknown) =>
  error instanceof Error &&
  'code' in error &&
  typeof error.code === 'string' &&
  error.code.startsWith('SQLITE_BUSY');

/**
 * BEGIN IMMEDIATE, waiting for another process's write lock as `wait` asks. SQLite's busy timeout
 * blocks the thread for as long as it waits, so while waiting the connection's timeout is cut to
 * short tries, with the thread free in between to report and to hear a cancel; the connection's
 * own timeout is the limit, after which the write fails with BUSY as before.
 */
export async function beginImmediate(db: Db, wait: LockWait = {}): Promise<void> {
  const limit = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.min(LOCK_RETRY_MS, limit)}`);
  try {
    await retryWhileBusy(async () => db.exec('BEGIN IMMEDIATE'), isBusy, limit, wait);
  } finally {
    db.pragma(`busy_timeout = ${limit}`);
  }
}
