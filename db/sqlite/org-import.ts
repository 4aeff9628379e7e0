import type { Statement } from 'better-sqlite3';
import { AppError, type ErrorValue } from '../../shared/errors';
import { toErrorValue } from '../core/errors';
import { attributeTables } from '../core/columns';
import type { ImportTarget, ImportTransaction } from '../core/import/run';
import type { PlannedRow, SectorRef } from '../core/import/plan';
import { fieldNamed } from '../core/org-fields';
import { bindValue } from '../core/org-repository';
import { refusal } from '../core/org-refusals';
import type { Db } from './connection';
import { sqliteOrgSql } from './org-write-sql';
import { BULK_CACHE_KIB, BULK_MIN_ROWS } from './sample-orgs';

const tableOf = (sector: string) => attributeTables().find((t) => t.sectorId === sector)?.table ?? null;
/** Set by the database on an update: an import never writes them into an existing row. */
const keptOnUpdate = new Set(['organization_id', 'created_at', 'updated_at']);

/** A row's own columns and its sector's attribute columns, by where each field lives. */
function split(names: string[], sector: string) {
  const own: string[] = [];
  const attributes: string[] = [];
  for (const name of names) {
    const home = fieldNamed(name)?.sector;
    if (home === null) own.push(name);
    else if (home === sector) attributes.push(name);
  }
  return { own, attributes };
}

/**
 * The import's writes on one SQLite connection: statements prepared once per set of columns (one
 * per sector and action in practice), values bound. `exclusive` runs the transaction in its turn
 * among the worker's writes, so that none of them starts inside it while it yields between chunks.
 */
export function sqliteImportTarget(
  db: Db,
  exclusive: <T>(work: () => Promise<T>) => Promise<T>,
  /** The fewest new rows for which the indexes are built again rather than kept up (tests lower it). */
  bulkMinRows = BULK_MIN_ROWS,
): ImportTarget {
  const statements = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const lookupStatement = db
    .prepare<[string], [string, string]>(
      'SELECT organization_id, focus_group_id FROM organizations WHERE organization_id IN (SELECT value FROM json_each(?))',
    )
    .raw();
  const lookup = async (ids: string[]) => new Map(lookupStatement.all(JSON.stringify(ids)));
  const organizationCount = db.prepare<[], number>('SELECT count(*) FROM organizations').pluck();
  /**
   * The rows come in the file's order, so each lands at a random place in every index of
   * organizations; past the cache, nearly every insert waits on a page. As bulk seeding does (same
   * rule), a large import into a smaller table drops the secondary indexes inside its transaction
   * and builds them again from sorted keys before the commit: other connections keep reading the
   * committed state, indexes included. Returns the statements that build them again.
   */
  const dropIndexes = () =>
    db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'organizations' AND sql IS NOT NULL",
      )
      .all()
      .map((index) => {
        db.exec(`DROP INDEX main.${index.name}`);
        return index.sql;
      });

  /**
   * A row's statements and the columns they bind, by its action, sector and set of values: rows of
   * one file share a handful of these, so a row costs no SQL text, only its values.
   */
  interface Shape {
    own: string[];
    attributes: string[];
    write: Statement;
    attribute: Statement | null;
  }
  const shapes = new Map<string, Shape>();
  function shapeOf(row: PlannedRow): Shape {
    const names = Object.keys(row.values);
    const key = `${row.action} ${row.sector} ${names.join(',')}`;
    let shape = shapes.get(key);
    if (shape !== undefined) return shape;
    const { own, attributes } = split(names, row.sector);
    const set = own.filter((name) => !keptOnUpdate.has(name));
    const table = tableOf(row.sector);
    shape = {
      own: row.action === 'insert' ? own : set,
      attributes,
      write: db.prepare(
        row.action === 'insert'
          ? `INSERT INTO organizations (${own.join(', ')}) VALUES (${own.map(() => '?').join(', ')})`
          : `UPDATE organizations SET ${[...set.map((name) => `${name} = ?`), `updated_at = ${sqliteOrgSql.nextVersion}`].join(', ')}
             WHERE organization_id = ?`,
      ),
      attribute:
        table === null || attributes.length === 0
          ? null
          : db.prepare(
              `INSERT INTO ${table} (organization_id, ${attributes.join(', ')}) VALUES (?, ${attributes.map(() => '?').join(', ')})
               ON CONFLICT (organization_id) DO UPDATE SET ${attributes.map((n) => `${n} = excluded.${n}`).join(', ')}`,
            ),
    };
    shapes.set(key, shape);
    return shape;
  }

  function writeRow(row: PlannedRow): void {
    const shape = shapeOf(row);
    const values = shape.own.map((name) => bindValue(row.values[name] ?? null));
    if (row.action === 'insert') {
      shape.write.run(values);
    } else {
      if (row.previousSector !== null && row.previousSector !== row.sector) {
        const old = tableOf(row.previousSector);
        if (old !== null) prepared(`DELETE FROM ${old} WHERE organization_id = ?`).run(row.id);
      }
      values.push(row.id);
      shape.write.run(values);
    }
    if (shape.attribute !== null) {
      shape.attribute.run([row.id, ...shape.attributes.map((name) => bindValue(row.values[name] ?? null))]);
    }
    if (row.assessment !== undefined) writeAssessment(row);
  }

  /** Each dimension's id by its code, read once per import (the codes the file's columns name). */
  let dimensionIds: Map<string, string> | null = null;

  /** The row's assessment in place of the one it had (its scores go with it: ON DELETE CASCADE). */
  function writeAssessment({ id, action, assessment }: PlannedRow): void {
    if (action === 'update')
      prepared('DELETE FROM organization_assessments WHERE organization_id = ?').run(id);
    if (!assessment) return;
    prepared(
      'INSERT INTO organization_assessments (organization_id, talent_concentration, assessed_on) VALUES (?, ?, ?)',
    ).run(id, assessment.talent_concentration, assessment.assessed_on);
    dimensionIds ??= new Map(
      db.prepare<[], [string, string]>('SELECT dimension_code, dimension_id FROM dimensions').raw().all(),
    );
    const values: (string | number)[] = [];
    for (const [code, score] of Object.entries(assessment.scores)) {
      const dimension = dimensionIds.get(code);
      if (dimension === undefined)
        throw new AppError('INVALID_INPUT', `No dimension has the code ${code}`, code);
      values.push(id, dimension, score);
    }
    if (values.length > 0) scoresInsert(values.length / 3).run(values);
  }

  /** All of a row's scores in one statement (prepared once per number of scores). */
  const scoreStatements = new Map<number, Statement>();
  function scoresInsert(n: number): Statement {
    let statement = scoreStatements.get(n);
    if (statement === undefined) {
      statement = db.prepare(
        `INSERT INTO organization_dimension_scores (organization_id, dimension_id, score) VALUES ${Array(n).fill('(?, ?, ?)').join(', ')}`,
      );
      scoreStatements.set(n, statement);
    }
    return statement;
  }

  const tx: ImportTransaction = {
    lookup,
    async write(rows) {
      for (const row of rows) {
        try {
          writeRow(row);
        } catch (error) {
          const refused = toErrorValue(refusal(error, [])) as ErrorValue;
          throw new AppError(refused.code, `Row ${row.line}: ${refused.message}`, refused.field);
        }
      }
    },
  };

  return {
    sectors: async () =>
      db.prepare<[], SectorRef>('SELECT focus_group_id, group_name, group_code FROM focus_groups').all(),
    lookup,
    transaction: (inserts, work) =>
      exclusive(async () => {
        // The bulk seeder's page cache: the rows' pages stay in memory until the commit.
        const cache = db.pragma('cache_size', { simple: true }) as number;
        db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
        db.exec('BEGIN IMMEDIATE');
        dimensionIds = null;
        try {
          const rebuild =
            inserts >= bulkMinRows && inserts >= (organizationCount.get() ?? 0) ? dropIndexes() : [];
          const keep = await work(tx);
          if (keep) rebuild.forEach((sql) => db.exec(sql));
          db.exec(keep ? 'COMMIT' : 'ROLLBACK');
          return keep;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          db.pragma(`cache_size = ${cache}`);
        }
      }),
  };
}
