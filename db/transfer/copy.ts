import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { DemoResetResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { demoRestored } from '../core/demo';
import { isPostgresUrl } from '../pg/pool';
import { sameServerDatabase, type Endpoint } from './endpoint';
import { openPgEnd } from './pg-end';
import { openSqliteEnd } from './sqlite-end';
import { copiedTables, kindOf, type Row, type TableSpec, type Value } from './tables';

export interface TableReport {
  table: string;
  rows: number;
  /** SHA-256 of the table's rows in key order, the same on both ends (see `canonical`). */
  checksum: string;
}

export interface CopyReport {
  from: string;
  to: string;
  tables: TableReport[];
}

export interface CopyOptions {
  /** Replace the target's rows; without it a target that holds any row is refused. */
  replace?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** PostgreSQL's application_name for the copy's connections (an instance copying into its own database). */
  applicationName?: string;
}

function openEnd(location: string, create: boolean, applicationName?: string): Promise<Endpoint> {
  return isPostgresUrl(location)
    ? openPgEnd(location, { applicationName })
    : Promise.resolve(openSqliteEnd(location, { create }));
}

/** A file's device and inode (stat takes no descriptor, which would drop this process's locks on it). */
function fileIdentity(location: string): string | null {
  if (isPostgresUrl(location)) return null;
  try {
    const { dev, ino } = statSync(location);
    return `${dev}:${ino}`;
  } catch {
    return null;
  }
}

const sameDatabase = (to: string, from: string) =>
  new AppError('INVALID_INPUT', `${to} is the same database as ${from}: copy needs two different databases`);

/** One form of a value for both engines: timestamps to the millisecond in UTC, the rest as read. */
function canonical(columns: string[]): (row: Row) => string {
  const normalize = columns.map((column): ((v: Value) => Value) =>
    kindOf(column) === 'timestamp'
      ? (v) => (v === null ? null : new Date(v as string).toISOString())
      : (v) => v,
  );
  return (row) => JSON.stringify(row.map((v, i) => (normalize[i] as (v: Value) => Value)(v)));
}

async function checksum(end: Endpoint, spec: TableSpec): Promise<TableReport> {
  const hash = createHash('sha256');
  const line = canonical(spec.columns);
  let rows = 0;
  for await (const chunk of end.read(spec)) {
    for (const row of chunk) hash.update(`${line(row)}\n`);
    rows += chunk.length;
  }
  return { table: spec.name, rows, checksum: hash.digest('hex') };
}

async function specsOf(from: Endpoint, to: Endpoint): Promise<TableSpec[]> {
  const specs: TableSpec[] = [];
  for (const table of copiedTables()) {
    const [source, target] = await Promise.all([from.columns(table.name), to.columns(table.name)]);
    const missing = target.filter((c) => !source.includes(c));
    if (missing.length > 0) {
      throw new AppError(
        'INVALID_INPUT',
        `${from.label} has no ${table.name}.${missing[0]}: not a Sector Studio database`,
      );
    }
    // By name: an engine's column order depends on the migration that added a column.
    specs.push({ ...table, columns: [...target].sort() });
  }
  return specs;
}

/**
 * Copies every organization and the whole configuration (history included) from one database to
 * another, SQLite file or PostgreSQL, in one transaction on the target, then verifies it: row
 * counts and a checksum per table, read back from both ends, must agree.
 */
export async function copyDatabase(
  fromLocation: string,
  toLocation: string,
  options: CopyOptions = {},
): Promise<CopyReport> {
  // A file is compared before anything opens it, a server once connected: both before any lock is taken.
  const file = fileIdentity(fromLocation);
  if (file !== null && file === fileIdentity(toLocation)) throw sameDatabase(toLocation, fromLocation);
  const from = await openEnd(fromLocation, false);
  let to: Endpoint | undefined;
  try {
    to = await openEnd(toLocation, true, options.applicationName);
    const [fromServer, toServer] = await Promise.all([from.identity(), to.identity()]);
    if (fromServer && toServer && sameServerDatabase(fromServer, toServer))
      throw sameDatabase(to.label, from.label);
    if ((await from.schemaVersion()) === 0) {
      throw new AppError('NO_SCHEMA', `${from.label} has no schema: nothing to copy`);
    }
    await to.migrate();
    const target = to;
    const specs = await specsOf(from, target);
    if (!options.replace) {
      for (const spec of specs) {
        if ((await target.count(spec.name)) > (spec.migrationRows ?? 0)) {
          throw new AppError(
            'CONFLICT',
            `${target.label} already holds data (${spec.name}); add --replace to replace it`,
          );
        }
      }
    }
    let total = 0;
    for (const spec of specs) total += await from.count(spec.name);
    let done = 0;
    options.onProgress?.(0, total);
    await target.replace(
      specs,
      async function* (spec) {
        for await (const rows of from.read(spec)) {
          if (options.signal?.aborted)
            throw new AppError('CANCELLED', 'Copy cancelled: the target is unchanged');
          yield rows;
        }
      },
      (n) => options.onProgress?.((done += n), total),
    );
    const tables: TableReport[] = [];
    for (const spec of specs) {
      const [source, copied] = await Promise.all([checksum(from, spec), checksum(target, spec)]);
      if (source.rows !== copied.rows || source.checksum !== copied.checksum) {
        throw new AppError(
          'DB_ERROR',
          `Verification failed for ${spec.name}: ${source.rows} rows read, ${copied.rows} in the copy${source.checksum === copied.checksum ? '' : ', checksums differ'}`,
        );
      }
      tables.push(copied);
    }
    to = undefined;
    await target.close(true);
    return { from: from.label, to: target.label, tables };
  } finally {
    await Promise.allSettled([from.close(false), to?.close(false)]);
  }
}

/** Team mode's demo reset: the demo database (an SQLite file) copied over the server's rows. */
export async function restoreDemo(
  template: string,
  url: string,
  applicationName: string,
): Promise<DemoResetResult> {
  const report = await copyDatabase(template, url, { replace: true, applicationName });
  return demoRestored(report.tables.find((t) => t.table === 'organizations')?.rows ?? 0);
}
