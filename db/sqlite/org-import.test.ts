import { afterAll, describe, expect, it } from 'vitest';
import { applyImport } from '../core/import/apply';
import { openImportFile } from '../core/import/run';
import { importFile, seededDb, tempDir } from '../test/helpers';
import { sqliteImportTarget } from './org-import';
import type { Db } from './connection';

const indexes = (db: Db) =>
  db
    .prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'organizations' ORDER BY name",
    )
    .all();

const folder = tempDir();
afterAll(folder.cleanup);
const csv = (n: number) =>
  `legal_name,focus_group_id,employee_count\n${Array.from({ length: n }, (_, i) => `Org ${n - i},pe_technology,${i}`).join('\n')}\n`;

async function importRows(db: Db, n: number, cancelAfter: number | null = null) {
  const file = importFile(folder.dir, `orgs-${n}.csv`, csv(n));
  const { mapping } = await openImportFile(file);
  const controller = new AbortController();
  return applyImport(
    { ...file, options: { import_id: '0'.repeat(32), mapping, existing: 'fail', valid_rows: false } },
    sqliteImportTarget(db, (work) => work(), 10),
    {
      signal: controller.signal,
      progress: (done, total) => {
        if (cancelAfter !== null && total > 0 && done >= cancelAfter) controller.abort();
      },
    },
  );
}

// A large import into a smaller table builds the indexes of organizations again instead of keeping
// them up row by row: whatever happens, the table ends with the same indexes, and they answer.
describe('a large import on SQLite', () => {
  it('keeps every index of organizations, committed or cancelled', async () => {
    const db = seededDb();
    const before = indexes(db);
    expect(before.length).toBeGreaterThan(5);

    const done = await importRows(db, 40);
    expect(done).toMatchObject({ applied: true, inserted: 40 });
    expect(indexes(db)).toEqual(before);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT organization_id FROM organizations WHERE focus_group_id = 'pe_technology' ORDER BY legal_name LIMIT 5",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    expect(
      db.prepare('SELECT legal_name FROM organizations ORDER BY legal_name LIMIT 2').pluck().all(),
    ).toEqual(['Org 1', 'Org 10']);

    const cancelled = await importRows(db, 3_000, 1);
    expect(cancelled).toMatchObject({ applied: false, cancelled: true, inserted: 0 });
    expect(indexes(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM organizations').pluck().get()).toBe(40);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });
});

// The write takes the rows the first pass planned; an organization another writer adds between the
// two is seen, and the file is planned again against it.
describe('an import whose ids another writer adds meanwhile', () => {
  const id = (i: number) => `01a24612-4a12-7ed3-8748-${String(i).padStart(12, '0')}`;
  const text = `organization_id,legal_name,focus_group_id\n${[1, 2, 3].map((i) => `${id(i)},Org ${i},pe_technology`).join('\n')}\n`;

  async function importMeanwhile(db: Db, existing: 'fail' | 'update') {
    const file = importFile(folder.dir, `meanwhile-${existing}.csv`, text);
    const { mapping } = await openImportFile(file);
    let added = false;
    const addedMeanwhile = <T>(work: () => Promise<T>) => {
      if (!added)
        db.prepare(
          "INSERT INTO organizations (organization_id, legal_name, focus_group_id) VALUES (?, 'Theirs', 'pe_technology')",
        ).run(id(2));
      added = true;
      return work();
    };
    return applyImport(
      { ...file, options: { import_id: '0'.repeat(32), mapping, existing, valid_rows: false } },
      sqliteImportTarget(db, addedMeanwhile),
      { signal: new AbortController().signal, progress: () => {} },
    );
  }
  const names = (db: Db) =>
    db.prepare('SELECT legal_name FROM organizations ORDER BY organization_id').pluck().all();

  it('updates it when asked to update existing rows', async () => {
    const db = seededDb();
    expect(await importMeanwhile(db, 'update')).toMatchObject({ applied: true, inserted: 2, updated: 1 });
    expect(names(db)).toEqual(['Org 1', 'Org 2', 'Org 3']);
  });

  it('imports nothing when existing rows are refused', async () => {
    const db = seededDb();
    const outcome = await importMeanwhile(db, 'fail');
    expect(outcome).toMatchObject({ applied: false, inserted: 0 });
    expect(outcome.message).toMatch(/1 rows changed in the database meanwhile/);
    expect(names(db)).toEqual(['Theirs']);
  });
});
