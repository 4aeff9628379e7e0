import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { isPostgresUrl } from '../pg/pool';
import type { Endpoint } from './endpoint';
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
    ? openPgEnd(location, { create, applicationName })
    : Promise.resolve(openSqliteEnd(location, { create }));
}

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
  if (fromLocation === toLocation) throw new AppError('INVALID_INPUT', 'copy needs two different databases');
  const from = await openEnd(fromLocation, false);
  let to: Endpoint | undefined;
  try {
    if ((await from.schemaVersion()) === 0) {
      throw new AppError('NO_SCHEMA', `${from.label} has no schema: nothing to copy`);
    }
    to = await openEnd(toLocation, true, options.applicationName);
    const target = to;
    const specs = await specsOf(from, target);
    if (!options.replace) {
      for (const spec of specs) {
        if ((await target.count(spec.name)) > 0) {
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
    return { from: from.label, to: target.label, tables };
  } finally {
    await Promise.allSettled([from.close(), to?.close()]);
  }
}
