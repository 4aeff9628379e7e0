import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoDatabase } from '../../db/sqlite/demo';
import { folderPerTest } from '../../db/test/helpers';
import { copyDatabase } from '../../db/transfer/copy';
import { createBackend, type Backend } from './index';
import { ok } from './test/results';
import { readUserFile } from './user-file';

const folder = folderPerTest();

/**
 * The POSIX locks this process holds on `file`, as /proc/locks lists them. SQLite's connections
 * keep a shared (READ) lock on the database file while they are open: it is what tells another
 * process closing its connection that it is not the last one, so that it leaves -wal and -shm.
 */
function locksOn(file: string): string[] {
  const inode = statSync(file).ino;
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[4] === String(process.pid) && fields[5]?.split(':')[2] === String(inode);
    });
}

function expectSharedLock(file: string, after: string): void {
  expect(locksOn(file).join('\n'), `shared lock on the database after ${after}`).toMatch(
    /POSIX\s+\S+\s+READ/,
  );
}

async function seeded(file: string): Promise<Backend> {
  const backend = await createBackend({ dbFile: file, changePollMs: 50 });
  await ok(backend.invoke('schema:init', {}));
  await ok(backend.invoke('seed:sectorsDimensions', {}));
  await ok(backend.invoke('seed:weightsCalibrations', {}));
  return backend;
}

/** A script beside the app, as the README allows: Python's sqlite3 commits and closes its connection. */
function script(file: string, sql: string): void {
  execFileSync('python3', [
    '-c',
    'import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1], timeout=30)\ndb.executescript(sys.argv[2])\ndb.commit()\ndb.close()',
    file,
    sql,
  ]);
}

describe.runIf(process.platform === 'linux')('the running app keeps its lock on the database file', () => {
  it('after opening, seeding, exporting, reading a file named by the user, copying and a demo reset', async () => {
    const dir = folder();
    const file = join(dir, 'F.db');
    const template = join(dir, 'demo.db');
    await buildDemoDatabase(template, { organizations: 50 });
    const backend = await createBackend({ dbFile: file, demoDatabase: template, changePollMs: 50 });
    try {
      expectSharedLock(file, 'open');
      await ok(backend.invoke('schema:init', {}));
      await ok(backend.invoke('seed:sectorsDimensions', {}));
      expectSharedLock(file, 'seeding');
      await backend.exportOrganizations(
        { sort: 'legal_name', dir: 'asc', format: 'csv' },
        { file: join(dir, 'orgs.csv'), overwrite: false },
      );
      expectSharedLock(file, 'an export');
      // The user names the database itself where a configuration file is expected.
      await expect(readUserFile(file, { maxBytes: 1e6, expected: 'a configuration' })).rejects.toThrow(
        /a database this app has open/,
      );
      expectSharedLock(file, 'reading a file');
      await copyDatabase(file, join(dir, 'copy.db'));
      expectSharedLock(file, 'a copy');
      await ok(backend.invoke('demo:reset', { confirm: true }));
      expectSharedLock(file, 'a demo reset');
    } finally {
      await backend.close();
    }
  });

  it('a script that commits and closes beside the app corrupts nothing and loses no confirmed edit', async () => {
    const file = join(folder(), 'F.db');
    await seeded(file).then((backend) => backend.close());
    const backend = await seeded(file);
    try {
      script(file, "UPDATE focus_groups SET group_name = group_name WHERE focus_group_id = 'pe_energy';");
      await ok(
        backend.invoke('config:updateWeight', {
          focus_group_id: 'pe_technology',
          dimension_code: 'talent',
          weight: 0.2,
          rationale: 'locks test',
        }),
      );
      await ok(backend.invoke('orgs:insertSample', { count: 300, seed: 7 }));
      script(file, "UPDATE organizations SET legal_name = legal_name || ' (renamed)' WHERE rowid % 10 = 0;");
    } finally {
      await backend.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM organizations').pluck().get()).toBe(300);
      expect(
        db.prepare("SELECT count(*) FROM organizations WHERE legal_name LIKE '% (renamed)'").pluck().get(),
      ).toBe(30);
      expect(
        db
          .prepare(
            `SELECT weight FROM focus_group_dimension_weights w JOIN dimensions d USING (dimension_id)
             WHERE w.focus_group_id = 'pe_technology' AND d.dimension_code = 'talent' AND w.is_current = 1`,
          )
          .pluck()
          .get(),
      ).toBe(0.2);
    } finally {
      db.close();
    }
  });
});
