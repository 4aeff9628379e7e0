import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { openDatabase } from './connection';
import { applicationId, latestVersion, migrate, migrations, schemaVersion } from './migrate';
import { folderPerTest } from '../test/helpers';

const folder = folderPerTest();

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A SQLite file written by another tool, closed so that only the main file remains. */
function sqliteFile(file: string, setup: (db: Database.Database) => void): string {
  const db = new Database(file);
  setup(db);
  db.close();
  return file;
}

/** What a Sector Studio of this version (or, with `stamp` false, of earlier versions) writes. */
function ourFile(file: string, options: { version?: number; stamp?: boolean } = {}): string {
  return sqliteFile(file, (db) => {
    db.pragma('journal_mode = WAL');
    for (const migration of migrations().slice(0, options.version ?? latestVersion())) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
    if (options.stamp ?? true) db.pragma(`application_id = ${applicationId}`);
  });
}

function applicationIdOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('application_id', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** Opening must fail with one sentence and change nothing: same bytes, no -wal/-shm/-journal. */
function expectRefusedUntouched(file: string, message: RegExp, options: { mustExist?: boolean } = {}) {
  const dir = join(file, '..');
  const before = { hash: sha256(file), names: readdirSync(dir).sort() };
  let error: unknown;
  try {
    openDatabase(file, options).close();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).message).toMatch(message);
  expect((error as AppError).message).not.toContain('\n');
  expect(sha256(file)).toBe(before.hash);
  expect(readdirSync(dir).sort()).toEqual(before.names);
  return error as AppError;
}

describe('opening a file looks before it writes', () => {
  it("refuses another application's SQLite file and leaves it byte-identical", () => {
    const file = sqliteFile(join(folder(), 'notes.db'), (db) => {
      db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1)');
    });
    const error = expectRefusedUntouched(file, /not a Sector Studio database.*notes/);
    expect(error.code).toBe('DB_ERROR');
  });

  it('refuses a foreign file whose user_version happens to be 1 instead of running migration 2 on it', () => {
    const file = sqliteFile(join(folder(), 'other.db'), (db) => {
      db.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
      db.pragma('user_version = 1');
    });
    expectRefusedUntouched(file, /lacks Sector Studio's tables/);
  });

  it('refuses a foreign file in WAL mode without leaving -wal or -shm files', () => {
    const file = sqliteFile(join(folder(), 'wal.db'), (db) => {
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
    });
    expectRefusedUntouched(file, /not a Sector Studio database/);
  });

  it("refuses a file stamped with another application's id", () => {
    const file = sqliteFile(join(folder(), 'stamped.db'), (db) => db.pragma('application_id = 1234567'));
    expectRefusedUntouched(file, /another application \(application_id 0x0012d687\)/);
  });

  it('refuses a file that is not SQLite at all, short or long', () => {
    const dir = folder();
    const text = join(dir, 'notes.txt');
    writeFileSync(
      text,
      'this is not a SQLite file, just text that is long enough to have a header'.repeat(20),
    );
    expectRefusedUntouched(text, /as a SQLite database: file is not a database/);
    const short = join(dir, 'short.db');
    writeFileSync(short, 'SQLite format 3');
    expectRefusedUntouched(short, /as a SQLite database: file is not a database/);
  });

  it('refuses a file whose SQLite header is damaged anywhere, and leaves it as it was', () => {
    const dir = folder();
    const original = readFileSync(ourFile(join(dir, 'good.db')));
    // Every byte of the 100-byte header, flipped in turn: the file opens or it is refused
    // untouched; a damaged magic string is always refused.
    for (let offset = 0; offset < 100; offset++) {
      const bytes = Buffer.from(original);
      bytes[offset] = (bytes[offset] as number) ^ 0xff;
      const file = join(dir, `damaged-${offset}.db`);
      writeFileSync(file, bytes);
      const before = sha256(file);
      try {
        openDatabase(file).close();
        expect(offset, 'a damaged magic string was accepted').toBeGreaterThanOrEqual(16);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect(sha256(file), `header byte ${offset}`).toBe(before);
        expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
      }
    }
  });

  it.each([
    ['a rollback journal', 'delete'],
    ['WAL', 'wal'],
  ])('refuses a file from a future version (%s) and leaves it byte-identical', (_name, mode) => {
    const file = ourFile(join(folder(), 'future.db'));
    sqliteFile(file, (db) => {
      db.pragma(`journal_mode = ${mode}`);
      db.pragma('user_version = 999');
    });
    expectRefusedUntouched(file, /schema version 999 is newer than this app knows/);
  });

  it('refuses a file with our user_version but not our tables', () => {
    const file = sqliteFile(join(folder(), 'pretender.db'), (db) => {
      db.exec('CREATE TABLE focus_groups (focus_group_id TEXT PRIMARY KEY)');
      db.pragma(`user_version = ${latestVersion()}`);
    });
    expectRefusedUntouched(file, /lacks Sector Studio's tables \(missing: .*dimensions/);
  });

  it('refuses a file stamped as ours whose tables are gone', () => {
    const file = ourFile(join(folder(), 'gutted.db'));
    sqliteFile(file, (db) => db.exec('DROP VIEW vw_organizations_full; DROP TABLE org_attributes_energy'));
    expectRefusedUntouched(file, /missing: org_attributes_energy, vw_organizations_full/);
  });

  it('refuses a folder in one sentence', () => {
    const dir = join(folder(), 'a-folder.db');
    mkdirSync(dir);
    expect(() => openDatabase(dir)).toThrow(/is a folder, not a database file/);
  });
});

describe('files the app accepts', () => {
  it('stamps its application_id when init creates the schema', () => {
    const file = join(folder(), 'new.db');
    const db = openDatabase(file);
    expect(db.pragma('application_id', { simple: true })).toBe(0);
    migrate(db);
    expect(db.pragma('application_id', { simple: true })).toBe(applicationId);
    db.close();
    expect(applicationIdOf(file)).toBe(applicationId);
    openDatabase(file).close();
  });

  it('uses the ASCII of "SSTD" as its application_id', () => {
    expect(Buffer.from([0x53, 0x53, 0x54, 0x44]).readInt32BE()).toBe(applicationId);
  });

  it.each([1, 2])(
    'recognises a file from an earlier version (user_version %i, no application_id) by its tables',
    (version) => {
      const file = ourFile(join(folder(), 'earlier.db'), { version, stamp: false });
      sqliteFile(file, (db) =>
        db.exec(
          "INSERT INTO focus_groups (focus_group_id, platform, group_name, group_code, display_order) VALUES ('pe_kept', 'pe_org_air', 'Kept', 'KEPT', 1)",
        ),
      );
      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(latestVersion());
      expect(db.pragma('application_id', { simple: true })).toBe(applicationId);
      expect(
        db.prepare("SELECT group_name FROM focus_groups WHERE focus_group_id = 'pe_kept'").get(),
      ).toEqual({
        group_name: 'Kept',
      });
      db.close();
    },
  );

  it('keeps the stamp out of a migration that fails', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE focus_groups (x INTEGER)'); // migration 1 then fails on its own CREATE
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('application_id', { simple: true })).toBe(0);
    expect(schemaVersion(db)).toBe(0);
    db.close();
  });

  it('treats a 0-byte file as a new, empty database: CLI reads refuse it untouched, init uses it', () => {
    const file = join(folder(), 'empty.db');
    writeFileSync(file, '');
    const error = expectRefusedUntouched(file, /has no schema yet: initialize the database schema first/, {
      mustExist: true,
    });
    expect(error.code).toBe('NO_SCHEMA');
    expect(statSync(file).size).toBe(0);

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(0);
    migrate(db);
    db.close();
    expect(applicationIdOf(file)).toBe(applicationId);
  });

  it('leaves a brand-new path alone when it must exist, and creates it otherwise', () => {
    const file = join(folder(), 'missing.db');
    expect(() => openDatabase(file, { mustExist: true })).toThrow(/does not exist/);
    expect(existsSync(file)).toBe(false);
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(0);
    db.close();
    // A schemaless file the app created is still accepted the next time.
    openDatabase(file, { mustExist: true }).close();
  });

  it('opens a file another connection holds open in WAL mode', () => {
    const file = ourFile(join(folder(), 'busy.db'));
    const other = new Database(file);
    other.exec(
      "INSERT INTO focus_groups (focus_group_id, platform, group_name, group_code, display_order) VALUES ('pe_open', 'pe_org_air', 'Open', 'OPEN', 1)",
    );
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) AS n FROM focus_groups').get()).toEqual({ n: 1 });
    db.close();
    other.close();
  });
});
