import { copyFileSync, constants, existsSync, renameSync, rmSync } from 'node:fs';
import type { DemoResetResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { openDatabase, type Db } from './connection';
import { latestVersion, migrate, schemaVersion } from './migrate';
import { insertSamples } from './sample-orgs';
import { seedSectorsAndDimensions, seedWeightsAndCalibrations } from './seeding';
import { demoRestored } from '../core/demo';
import { quoteIdentifier } from '../core/identifier';
import { withoutHistoryGuards } from './history-guards';

/** What the packaged app's demo database holds besides the seeded configuration. */
export const DEMO_ORGANIZATIONS = 3_000;
/** The faker seed of the demo's organizations: every build ships the same companies. */
export const DEMO_SEED = 2024;

export interface BuildDemoOptions {
  organizations?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Builds the demo database at `file`: the schema, the seeded configuration and sample
 * organizations, as one self-contained file (rollback journal, vacuumed) that can be copied into
 * place or attached read-only. Written beside `file` first and renamed when complete.
 */
export async function buildDemoDatabase(
  file: string,
  options: BuildDemoOptions = {},
): Promise<{ organizations: number }> {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(partial);
  try {
    migrate(db);
    seedSectorsAndDimensions(db);
    seedWeightsAndCalibrations(db);
    const result = await insertSamples(db, {
      count: options.organizations ?? DEMO_ORGANIZATIONS,
      seed: options.seed ?? DEMO_SEED,
      onProgress: options.onProgress,
    });
    db.pragma('journal_mode = DELETE');
    db.exec('VACUUM');
    db.close();
    renameSync(partial, file);
    return { organizations: result.inserted };
  } catch (error) {
    if (db.open) db.close();
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * On first run the packaged app starts from the demo: when `dbFile` does not exist yet, the
 * template is copied there (never over an existing file). Returns whether it copied.
 */
export function installDemoDatabase(dbFile: string, template: string): boolean {
  if (existsSync(dbFile) || !existsSync(template)) return false;
  try {
    copyFileSync(template, dbFile, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

interface TableRow {
  name: string;
}

/**
 * The tables a reset restores, parents before children, read from the schema itself: every table
 * but SQLite's own and those the triggers keep (config_changes and organization_change_log, logs
 * the reset's own writes extend; organization_counts, which follows the organizations it copies; and
 * score_freshness, which the copied weights mark stale, so that the scores are computed again).
 */
function demoTables(db: Db, schema: 'main' | 'demo' = 'main'): string[] {
  const tables = db
    .prepare<[], TableRow>(
      `SELECT name FROM ${schema}.sqlite_schema WHERE type = 'table'
       AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('config_changes', 'organization_change_log', 'organization_counts', 'score_freshness')
       ORDER BY name`,
    )
    .all()
    .map((row) => row.name);
  const parents = db.prepare<[string], { table: string }>(`SELECT "table" FROM pragma_foreign_key_list(?)`);
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const { table: parent } of parents.all(table)) if (tables.includes(parent)) visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/**
 * Restores the attached demo database (`demo`) into this one, in the caller's transaction: every
 * row of every table is replaced by the demo's. Table and column names come from the schema.
 */
export function copyFromDemo(db: Db): DemoResetResult {
  const version = db.pragma('demo.user_version', { simple: true }) as number;
  if (version !== schemaVersion(db) || version !== latestVersion()) {
    throw new AppError(
      'DB_ERROR',
      `The demo database has schema version ${version}, not ${latestVersion()}: reinstall Sector Studio`,
    );
  }
  const tables = demoTables(db);
  const demo = new Set(demoTables(db, 'demo'));
  const missing = tables.find((table) => !demo.has(table));
  if (missing !== undefined) throw new AppError('DB_ERROR', `The demo database has no table ${missing}`);
  const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)');
  withoutHistoryGuards(db, () => {
    for (const table of [...tables].reverse()) db.prepare(`DELETE FROM main.${quoteIdentifier(table)}`).run();
  });
  for (const table of tables) {
    // table_info leaves out generated columns, which SQLite computes again.
    const list = columns
      .all(table)
      .map((c) => quoteIdentifier(c.name))
      .join(', ');
    db.prepare(
      `INSERT INTO main.${quoteIdentifier(table)} (${list}) SELECT ${list} FROM demo.${quoteIdentifier(table)}`,
    ).run();
  }
  return demoRestored(db.prepare<[], number>('SELECT count(*) FROM main.organizations').pluck().get() ?? 0);
}
