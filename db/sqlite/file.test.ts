import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationId, migrations } from './migrate';
import { readSqliteFile } from './file';
import { folderPerTest } from '../test/helpers';

const folder = folderPerTest();

function build(file: string, setup: (db: Database.Database) => void): string {
  const db = new Database(file);
  setup(db);
  db.close();
  return file;
}

/** What SQLite itself says about the file (read-only; the test folder may get -wal and -shm). */
function sqliteSays(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const objects = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    return {
      applicationId: db.pragma('application_id', { simple: true }),
      userVersion: db.pragma('user_version', { simple: true }),
      objects: [...objects].sort(),
    };
  } finally {
    db.close();
  }
}

describe('reading a SQLite file without SQLite', () => {
  it("reads the app's own schema, version and application_id from a closed WAL file", () => {
    const file = build(join(folder(), 'ours.db'), (db) => {
      db.pragma('journal_mode = WAL');
      for (const migration of migrations()) db.exec(migration.sql);
      db.pragma('user_version = 2');
      db.pragma(`application_id = ${applicationId}`);
    });
    const facts = readSqliteFile(file);
    expect(facts.objects).toContain('vw_organizations_full');
    expect(facts).toEqual(sqliteSays(file));
  });

  it('reads an empty database and negative header values', () => {
    const file = build(join(folder(), 'empty.db'), (db) => {
      db.pragma('journal_mode = WAL');
      db.pragma('application_id = -5');
      db.pragma('user_version = -7');
    });
    expect(readSqliteFile(file)).toEqual({ applicationId: -5, userVersion: -7, objects: [] });
  });

  it.each([512, 1024, 65536])(
    'follows interior pages and overflow pages of a large schema (page size %i)',
    (pageSize) => {
      const file = build(join(folder(), 'large.db'), (db) => {
        db.pragma(`page_size = ${pageSize}`);
        db.transaction(() => {
          for (let i = 0; i < 300; i++) {
            const name = `t${i}_${'x'.repeat(i % 250)}`;
            db.exec(`CREATE TABLE "${name}" (a, b); CREATE INDEX "i_${name}" ON "${name}" (a)`);
            if (i % 7 === 0) db.exec(`CREATE VIEW "v_${name}" AS SELECT a FROM "${name}"`);
          }
        })();
      });
      const facts = readSqliteFile(file);
      expect(facts.objects.length).toBe(300 + 43);
      expect(facts).toEqual(sqliteSays(file));
    },
  );

  it.each(['UTF-16le', 'UTF-16be'])('decodes names in %s', (encoding) => {
    const file = build(join(folder(), 'utf16.db'), (db) => {
      db.pragma(`encoding = '${encoding}'`);
      db.exec('CREATE TABLE "société" (x); CREATE TABLE "日本" (y)');
    });
    expect(readSqliteFile(file).objects).toEqual(['société', '日本']);
  });

  it('ends with an error or a bounded answer on damaged schema pages, never hangs', () => {
    const dir = folder();
    const original = readFileSync(
      build(join(dir, 'small.db'), (db) => {
        db.pragma('page_size = 512');
        for (let i = 0; i < 40; i++) db.exec(`CREATE TABLE t${i}_${'y'.repeat(30)} (a)`);
      }),
    );
    const truth = readSqliteFile(join(dir, 'small.db'));
    let refused = 0;
    for (let offset = 100; offset < Math.min(original.length, 4096); offset += 5) {
      const bytes = Buffer.from(original);
      bytes[offset] = (bytes[offset] as number) ^ 0xff;
      const file = join(dir, 'damaged.db');
      writeFileSync(file, bytes);
      try {
        const facts = readSqliteFile(file);
        // A flipped byte in a name changes that name; it never invents or drops whole tables.
        expect(facts.objects.length).toBeLessThanOrEqual(truth.objects.length);
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    writeFileSync(join(dir, 'truncated.db'), original.subarray(0, 1000));
    expect(() => readSqliteFile(join(dir, 'truncated.db'))).toThrow(/outside the file/);
  });
});
