import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { applicationId, latestVersion, migrations } from './migrate';
import { hasSqliteHeader, openInThisProcess, readSqliteFile, type SqliteFileFacts } from './file';

/** What an existing path holds, judged without writing a byte to it. */
export type Inspection =
  | { state: 'absent' }
  /** 0 bytes: SQLite's empty database, the same as a new path. */
  | { state: 'empty' }
  /** A SQLite file that is ours (or schemaless); `needsStamp` for files from before the stamp. */
  | { state: 'database'; needsStamp: boolean };

const LISTED = 6;

/**
 * Checks a database file before the app opens it for writing: the SQLite header, our
 * application_id, user_version and the tables and views that version must have. Anything else is
 * refused in one sentence, and the file is left exactly as it was (nothing created beside it).
 */
export function inspectDatabaseFile(file: string): Inspection {
  const info = statSync(file, { throwIfNoEntry: false });
  if (info === undefined) return { state: 'absent' };
  if (info.isDirectory()) throw refusal(file, 'it is a folder, not a database file');
  if (!info.isFile()) throw refusal(file, 'it is not a regular file');
  if (info.size === 0) return { state: 'empty' };
  const facts = readFacts(file);
  if (facts.applicationId !== 0 && facts.applicationId !== applicationId) {
    throw refusal(file, `it belongs to another application (application_id ${hex(facts.applicationId)})`);
  }
  if (facts.userVersion > latestVersion()) {
    throw refusal(
      file,
      `its schema version ${facts.userVersion} is newer than this app knows (${latestVersion()}): update Sector Studio`,
    );
  }
  if (facts.applicationId === 0 && facts.userVersion === 0 && facts.objects.length > 0) {
    throw refusal(file, `it is not a Sector Studio database (it holds ${listed(facts.objects)})`);
  }
  const present = new Set(facts.objects);
  const missing = objectsAt(facts.userVersion).filter((name) => !present.has(name));
  if (missing.length > 0) {
    throw refusal(
      file,
      `it says schema version ${facts.userVersion} but lacks Sector Studio's tables (missing: ${listed(missing)})`,
    );
  }
  return { state: 'database', needsStamp: facts.applicationId === 0 && facts.userVersion > 0 };
}

function refusal(file: string, reason: string): AppError {
  return new AppError('DB_ERROR', `Cannot open ${file}: ${reason}; the file was left unchanged`);
}

/**
 * A file nobody has open in this process, without a -wal file, is the whole database: its header
 * and schema pages are read directly (see file.ts for why not through SQLite). Otherwise it
 * is read through SQLite, read-only: with a -wal, the main file may lack committed transactions;
 * open in this process, a descriptor of our own would drop the process's locks on it.
 */
function readFacts(file: string): SqliteFileFacts {
  const direct = !existsSync(`${file}-wal`) && !openInThisProcess(file);
  // The sentence SQLite itself gives for such a file, which users of earlier versions have seen.
  if (direct && !hasSqliteHeader(file)) {
    throw new AppError('DB_ERROR', `Cannot open ${file} as a SQLite database: file is not a database`);
  }
  try {
    if (direct) return readSqliteFile(file);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return {
        applicationId: db.pragma('application_id', { simple: true }) as number,
        userVersion: db.pragma('user_version', { simple: true }) as number,
        objects: schemaObjects(db),
      };
    } finally {
      db.close();
    }
  } catch (error) {
    throw refusal(file, `it is not a readable SQLite database (${(error as Error).message})`);
  }
}

function schemaObjects(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema
       WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .all()
    .map((row) => row.name);
}

const expected = new Map<number, string[]>();

/** The tables and views a file at `version` has: the first `version` migrations, applied in memory. */
function objectsAt(version: number): string[] {
  let names = expected.get(version);
  if (names === undefined) {
    const db = new Database(':memory:');
    try {
      for (const migration of migrations().slice(0, version)) db.exec(migration.sql);
      names = schemaObjects(db);
    } finally {
      db.close();
    }
    expected.set(version, names);
  }
  return names;
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? `${shown} and ${names.length - LISTED} more` : shown;
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
