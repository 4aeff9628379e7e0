import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { attributeTables } from '../db/core/columns';
import { openDatabase } from '../db/sqlite/connection';
import { migrate } from '../db/sqlite/migrate';
import { generateOrganizations } from '../db/core/sample-orgs';
import { sqliteValues } from '../db/sqlite/sample-orgs';
import { seedSectorsAndDimensions } from '../db/sqlite/seeding';
import { progressLog } from './seed-bench';

/** Rows per transaction: large, so that commits cost the anchor as little as possible. */
const ANCHOR_BATCH = 20_000;

/**
 * The seeding anchor, SQLite's own limit for these rows: a fresh file with the same tables and no
 * secondary index, one prepared positional statement per table, the same 32 MiB page cache as the
 * app's bulk writer, rows generated beforehand outside the timing. Run as
 * `tsx bench/bare-insert.ts <dir> <orgs> <seed>`; prints {"seconds":...}, progress on stderr.
 */
function bareInsert(dir: string, orgs: number, seed: number): number {
  const file = join(dir, 'bare-insert.sqlite');
  const raw = openDatabase(file);
  try {
    migrate(raw);
    seedSectorsAndDimensions(raw);
    raw.pragma('cache_size = -32768');
    const indexes = raw
      .prepare<[], string>(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'organizations' AND sql IS NOT NULL",
      )
      .pluck()
      .all();
    for (const name of indexes) raw.exec(`DROP INDEX ${name}`);
    const sectors = raw
      .prepare<[], string>('SELECT focus_group_id FROM focus_groups ORDER BY display_order')
      .pluck()
      .all();
    const insertAttributes = new Map(
      attributeTables().map((t) => {
        const columns = ['organization_id', ...t.columns.map((c) => c.name)];
        const sql = `INSERT INTO ${t.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        return [t.sectorId, { columns, statement: raw.prepare(sql) }] as const;
      }),
    );
    const dimensions = raw
      .prepare<[], string>('SELECT dimension_id FROM dimensions ORDER BY display_order')
      .pluck()
      .all();
    // The app's rows include each organization's assessment: the anchor inserts them too.
    const insertAssessment = raw.prepare(
      'INSERT INTO organization_assessments (organization_id, talent_concentration, assessed_on) VALUES (?, ?, ?)',
    );
    const insertScore = raw.prepare(
      'INSERT INTO organization_dimension_scores (organization_id, dimension_id, score) VALUES (?, ?, ?)',
    );
    const orgColumns: string[] = [];
    let insertOrg: Database.Statement | null = null;
    type Row = {
      org: unknown[];
      sector: string;
      attributes: unknown[];
      assessment: unknown[];
      scores: unknown[][];
    };
    const insertBatch = raw.transaction((rows: Row[]) => {
      for (const row of rows) {
        insertOrg?.run(row.org);
        insertAttributes.get(row.sector)?.statement.run(row.attributes);
        if (row.assessment.length > 0) insertAssessment.run(row.assessment);
        for (const score of row.scores) insertScore.run(score);
      }
    });
    let anchorMs = 0;
    let batch: Row[] = [];
    let done = 0;
    const report = progressLog((message) => process.stderr.write(`${message}\n`), 'bare insert', orgs);
    const flush = () => {
      const started = performance.now();
      insertBatch.immediate(batch);
      anchorMs += performance.now() - started;
      done += batch.length;
      batch = [];
      report(done);
    };
    for (const row of generateOrganizations(orgs, seed, sectors, dimensions)) {
      if (insertOrg === null) {
        orgColumns.push(...Object.keys(row.organization));
        insertOrg = raw.prepare(
          `INSERT INTO organizations (${orgColumns.join(', ')}) VALUES (${orgColumns.map(() => '?').join(', ')})`,
        );
      }
      const target = insertAttributes.get(row.sector);
      const attributes = sqliteValues(row.attributes);
      batch.push({
        org: orgColumns.map((c) => row.organization[c]),
        sector: row.sector,
        attributes:
          target?.columns.map((c) => (c === 'organization_id' ? row.organization[c] : attributes[c])) ?? [],
        assessment: row.assessment
          ? [
              row.organization.organization_id,
              row.assessment.talent_concentration,
              row.assessment.assessed_on,
            ]
          : [],
        scores: Object.entries(row.assessment?.scores ?? {}).map(([dimension, score]) => [
          row.organization.organization_id,
          dimension,
          score,
        ]),
      });
      if (batch.length === ANCHOR_BATCH) flush();
    }
    if (batch.length > 0) flush();
    return anchorMs / 1000;
  } finally {
    raw.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

const [dir, orgs, seed] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify({ seconds: bareInsert(String(dir), Number(orgs), Number(seed)) })}\n`);
