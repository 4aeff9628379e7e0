import type { MigrationResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { appFile } from '../core/app-root';
import { migrationResult, noSchemaError, readMigrations, type Migration } from '../core/migrations';
import type Database from 'better-sqlite3';

/**
 * Written into every file the app migrates (PRAGMA application_id, header offset 68), so that a
 * file can be recognised as ours before anything is written to it: the ASCII of "SSTD".
 */
export const applicationId = 0x53535444;

let cached: Migration[] | undefined;

/** SQLite's migrations, in db/sqlite/migrations. */
export function migrations(): Migration[] {
  cached ??= readMigrations(appFile('sqliteMigrations'));
  return cached;
}

export function latestVersion(): number {
  return migrations().length;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function pendingMigrations(db: Database.Database): Migration[] {
  const version = schemaVersion(db);
  if (version > latestVersion()) {
    throw new AppError(
      'DB_ERROR',
      `This database has schema version ${version}, newer than this app knows (${latestVersion()}); update Sector Studio`,
    );
  }
  return migrations().slice(version);
}

/**
 * Applies pending migrations, each in its own IMMEDIATE transaction together with its
 * user_version bump and the application_id stamp (so init stamps a new file, and a file from a
 * version that did not stamp is stamped by its next migration). What is pending is read again
 * inside each transaction, so an `init` racing another process's applies each migration once.
 */
export function migrate(db: Database.Database): MigrationResult {
  const applied: number[] = [];
  const applyNext = db.transaction((): number | null => {
    const next = pendingMigrations(db)[0];
    if (!next) return null;
    db.exec(next.sql);
    // PRAGMA takes no bound parameters; the version is an integer parsed from the file name.
    db.pragma(`user_version = ${Math.trunc(next.version)}`);
    db.pragma(`application_id = ${applicationId}`);
    return next.version;
  });
  for (let version = applyNext.immediate(); version !== null; version = applyNext.immediate()) {
    applied.push(version);
  }
  return migrationResult(applied, schemaVersion(db));
}

export function requireSchema(db: Database.Database): void {
  if (schemaVersion(db) === 0) throw noSchemaError();
}
