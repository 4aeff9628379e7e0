import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import { openDatabase, type Db } from '../sqlite/connection';
import { withoutHistoryGuards } from '../sqlite/history-guards';
import { migrate, schemaVersion } from '../sqlite/migrate';
import { kindOf, type Row, type TableSpec, type Value } from './tables';
import type { Endpoint } from './endpoint';
import { quoteIdentifier } from '../core/identifier';

const CHUNK = 2_000;

function toValue(column: string): (v: unknown) => Value {
  const kind = kindOf(column);
  if (kind === 'boolean') return (v) => (v === null ? null : v === 1);
  if (kind === 'array') return (v) => (v === null ? null : (JSON.parse(v as string) as string[]));
  return (v) => v as Value;
}

function fromValue(column: string): (v: Value) => unknown {
  const kind = kindOf(column);
  if (kind === 'boolean') return (v) => (v === null ? null : v ? 1 : 0);
  if (kind === 'array') return (v) => (v === null ? null : JSON.stringify(v));
  return (v) => v;
}

/** The files SQLite keeps beside a database. */
const companions = (file: string) => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

/**
 * An SQLite file as one end of a copy. Table and column names come from the schema (TableSpec,
 * checked against the file's own columns), never from the user; values are bound. A target that
 * does not exist yet is written under a hidden partial name beside it and moved into place once
 * the copy is verified, so that a failed copy (a full disk, a server gone) leaves no file behind.
 */
export function openSqliteEnd(file: string, options: { create: boolean }): Endpoint {
  const partial =
    options.create && !existsSync(file)
      ? join(dirname(file), `.${basename(file)}.${randomUUID().slice(0, 8)}.partial`)
      : null;
  const db: Db = openDatabase(partial ?? file, { mustExist: !options.create });
  return {
    label: file,
    identity: () => Promise.resolve(null),
    async migrate() {
      if (schemaVersion(db) === 0) migrate(db);
    },
    async schemaVersion() {
      return schemaVersion(db);
    },
    async columns(table) {
      const rows = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table);
      return rows.map((r) => r.name);
    },
    async count(table) {
      return db
        .prepare(`SELECT count(*) FROM ${quoteIdentifier(table)}`)
        .pluck()
        .get() as number;
    },
    async *read(spec: TableSpec) {
      const decode = spec.columns.map(toValue);
      const statement = db
        .prepare(
          `SELECT ${spec.columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(spec.name)} ORDER BY ${[spec.key, ...(spec.thenBy === undefined ? [] : [spec.thenBy])].map(quoteIdentifier).join(', ')}`,
        )
        .raw();
      let chunk: Row[] = [];
      for (const values of statement.iterate() as Iterable<unknown[]>) {
        chunk.push(values.map((v, i) => (decode[i] as (v: unknown) => Value)(v)));
        if (chunk.length === CHUNK) {
          yield chunk;
          chunk = [];
          // Lets a Ctrl-C or the event loop in between chunks.
          await setImmediate();
        }
      }
      if (chunk.length > 0) yield chunk;
    },
    async replace(specs, source, onRows) {
      // One transaction: a failure or a cancel leaves the file as it was.
      db.exec('BEGIN IMMEDIATE');
      try {
        // A copy replaces the whole database, its history with the rest (see history-guards.ts).
        withoutHistoryGuards(db, () => {
          for (const spec of [...specs].reverse())
            db.prepare(`DELETE FROM ${quoteIdentifier(spec.name)}`).run();
        });
        for (const spec of specs) {
          const encode = spec.columns.map(fromValue);
          const insert = db.prepare(
            `INSERT INTO ${quoteIdentifier(spec.name)} (${spec.columns.map(quoteIdentifier).join(', ')}) VALUES (${spec.columns.map(() => '?').join(', ')})`,
          );
          for await (const rows of source(spec)) {
            for (const row of rows) insert.run(row.map((v, i) => (encode[i] as (v: Value) => unknown)(v)));
            onRows(rows.length);
          }
        }
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    async close(keep) {
      db.close();
      if (partial === null) return;
      // Only what this copy created, and only once its connection is closed.
      const taken = keep && existsSync(file);
      if (keep && !taken) return renameSync(partial, file);
      companions(partial).forEach((path) => rmSync(path, { force: true }));
      if (taken) {
        throw new AppError(
          'CONFLICT',
          `${file} was created by another program during the copy; it is left as it is`,
        );
      }
    },
  };
}
