import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAsOf, type AsOf } from '../../shared/as-of';
import type { ImportFile } from '../core/import/run';
import type { ConfigReads, ConfigRepository, ConfigWrites, LockWait } from '../port';
import { sqliteConfigRepository } from '../sqlite/config-repo';
import { openDatabase, type Db } from '../sqlite/connection';
import { migrate } from '../sqlite/migrate';
import { seedSectorsAndDimensions, seedWeightsAndCalibrations } from '../sqlite/seeding';

/** A temporary folder removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sector-studio-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `content` written to `name` in `dir`, as the import takes a file. */
export function importFile(dir: string, name: string, content: string | Uint8Array): ImportFile {
  const path = join(dir, name);
  writeFileSync(path, content);
  const { size, mtimeMs } = statSync(path);
  return { path, name, size, modifiedMs: mtimeMs };
}

/** A fresh temporary folder per test of the calling file, removed after each test. */
export function folderPerTest(): () => string {
  let cleanup = () => {};
  afterEach(() => cleanup());
  return () => {
    const made = tempDir();
    cleanup = made.cleanup;
    return made.dir;
  };
}

/** Polls `read` until `check` holds (background work such as the scores' refresh), or throws after `ms`. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`still not so after ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function migratedDb(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

/** A file database with the schema and the reference configuration, as another connection can open it too. */
export function seededFileDb(file: string): Db {
  const db = openDatabase(file);
  migrate(db);
  seedSectorsAndDimensions(db);
  seedWeightsAndCalibrations(db);
  return db;
}

export function seededDb(): Db {
  const db = migratedDb();
  seedSectorsAndDimensions(db);
  seedWeightsAndCalibrations(db);
  return db;
}

/** A configuration write as tests call it: by the test's author unless the call names one. */
type ByAuthor<F> = F extends (input: infer I, wait?: infer W) => infer R
  ? (input: Omit<I, 'author'> & { author?: string }, wait?: W) => R
  : never;
export type TestRepository = ConfigReads & { [K in keyof ConfigWrites]: ByAuthor<ConfigWrites[K]> };

/** `repository` with every write by `author` unless a call names another, as the backend's are. */
export function byAuthor(repository: ConfigRepository, author = 'Test Analyst'): TestRepository {
  const writes = Object.fromEntries(
    (Object.keys(repository) as (keyof ConfigRepository)[]).flatMap((name) => {
      const method = repository[name] as (input: unknown, wait?: LockWait) => unknown;
      return writeNames.has(name)
        ? [[name, (input: object, wait?: LockWait) => method.call(repository, { author, ...input }, wait)]]
        : [];
    }),
  );
  return { ...repository, ...writes } as TestRepository;
}

const writeNames = new Set<string>([
  'updateWeights',
  'updateCalibration',
  'addCalibration',
  'revert',
  'revertChangeSet',
  'importDocument',
]);

/**
 * The SQLite repository of `db` with writes by the test's author; with `today`, its change sets
 * are made at noon UTC of that day (a clock the test moves to build a history over several days).
 */
export function testRepository(db: Db, today?: () => string): TestRepository {
  const now = today === undefined ? undefined : () => `${today()}T12:00:00.000Z`;
  return byAuthor(sqliteConfigRepository(db, now === undefined ? {} : { now }));
}

/** An as-of the way the contract hands it to the repository. */
export function asOf(text: string): AsOf {
  const parsed = parseAsOf(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const { label, at, date } = parsed;
  return { label, at, date };
}
