import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { inspectDatabaseFile, type Inspection } from './inspect';
import { applicationId, migrate, pendingMigrations, schemaVersion } from './migrate';
import { noSchemaError } from '../core/migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Refuse to create a file that does not exist, or to use an empty one (CLI reads). */
  mustExist?: boolean;
  /** Upgrade a file made by an older version (default); a read-only connection leaves that to the writer. */
  migrate?: boolean;
  /**
   * How long a writer waits for another process's write lock before BUSY (default 30 s: long enough
   * for another process's bulk insert to finish its final transaction on a laptop).
   */
  busyTimeoutMs?: number;
}

/**
 * Opens (or creates) a database file with the app's connection settings, after checking, without
 * writing, that the file is ours (see inspect.ts). A file whose schema is older than the app's is
 * upgraded on open; a brand-new or 0-byte file stays without schema until `init`, so the user sees
 * and chooses the moment the schema is created.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const inspection: Inspection =
    file === ':memory:' ? { state: 'database', needsStamp: false } : inspectDatabaseFile(file);
  if (options.mustExist && inspection.state === 'absent') {
    throw new AppError('NOT_FOUND', `Database file does not exist: ${file} (run "init" first)`);
  }
  // An empty file is an empty database: refused as one, before anything is written to it.
  if (options.mustExist && inspection.state === 'empty') throw noSchemaError();
  let db: Db | undefined;
  try {
    db = new Database(file);
    // First, so that switching the journal mode waits for another process's lock instead of failing.
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 30_000)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db?.close();
    throw new AppError('DB_ERROR', `Cannot open ${file} as a SQLite database: ${(error as Error).message}`);
  }
  // The writer upgrades and stamps; a reader beside it leaves the file to the writer.
  if (options.migrate !== false) {
    if (schemaVersion(db) > 0 && pendingMigrations(db).length > 0) migrate(db);
    else if (inspection.state === 'database' && inspection.needsStamp) {
      db.pragma(`application_id = ${applicationId}`);
    }
  }
  return db;
}
