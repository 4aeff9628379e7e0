import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../sqlite/connection';
import { migrate } from '../sqlite/migrate';
import { seedSectorsAndDimensions, seedWeightsAndCalibrations } from '../sqlite/seeding';

/** A temporary folder removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sector-studio-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
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

export function migratedDb(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

export function seededDb(): Db {
  const db = migratedDb();
  seedSectorsAndDimensions(db);
  seedWeightsAndCalibrations(db);
  return db;
}
