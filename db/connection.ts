import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../shared/errors';
import { migrate, pendingMigrations, schemaVersion } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** Refuse to create a file that does not exist (CLI reads). */
  mustExist?: boolean;
  /** Upgrade a file made by an older version (default); a read-only connection leaves that to the writer. */
  migrate?: boolean;
  /** How long a writer waits for another process's write lock before BUSY (default 5 s). */
  busyTimeoutMs?: number;
}

/**
 * Opens (or creates) a database file with the app's connection settings. A file whose schema is
 * older than the app's is upgraded on open; a brand-new file stays empty until `init`, so the user
 * sees and chooses the moment the schema is created.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (options.mustExist && file !== ':memory:' && !existsSync(file)) {
    throw new AppError('NOT_FOUND', `Database file does not exist: ${file} (run "init" first)`);
  }
  let db: Db;
  try {
    db = new Database(file);
    // First, so that switching the journal mode waits for another process's lock instead of failing.
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new AppError('DB_ERROR', `Cannot open ${file} as a SQLite database: ${(error as Error).message}`);
  }
  if (options.migrate !== false && schemaVersion(db) > 0 && pendingMigrations(db).length > 0) migrate(db);
  return db;
}
