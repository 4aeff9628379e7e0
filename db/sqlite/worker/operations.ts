import { configRepository } from '../../core/config-repository';
import { orgRepository } from '../../core/org-repository';
import { applyImport } from '../../core/import/apply';
import { previewImport, type ImportRequest } from '../../core/import/run';
import { sqliteImportTarget } from '../org-import';
import { sqliteParameterSql } from '../../core/platform-parameters';
import { scoringParts } from '../../core/scoring-repository';
import { sqliteDataVersion } from '../data-version';
import { sqliteScoreRefreshSql } from '../score-refresh-sql';
import { writeExport } from '../../core/export';
import { describeColumns } from '../../core/org-filters';
import type { ConfigWrites, LockWait } from '../../port';
import type { ExportRequest, OrgFilter, OrgQuery, OrgWindow } from '../../../shared/org-query';
import { sqliteConfigSql } from '../config-repo';
import type { Db } from '../connection';
import { copyFromDemo } from '../demo';
import { exportRows } from '../export';
import { migrate, requireSchema, schemaVersion } from '../migrate';
import { createPositionReader } from '../org-positions';
import { createFacetReader } from '../facets';
import type { OrgFacetsRequest } from '../../../shared/org-facets';
import { createOrganizationRepository } from '../org-repo';
import { insertSamples } from '../sample-orgs';
import { databaseStatus, describeSchema } from '../schema-info';
import { seedSectorsAndDimensions, seedWeightsAndCalibrations } from '../seeding';
import { sqliteEngine } from '../sql-engine';
import { beginImmediate } from '../write-lock';
import { sqliteOrgSql } from '../org-write-sql';
import { sqliteViewsSql } from '../views-sql';
import { viewsRepository } from '../../core/views-repository';
import { WriteQueue } from './write-queue';

/** What a long operation gets from the worker: cancel, progress and, for exports, an outlet. */
export interface WorkerTask {
  signal: AbortSignal;
  progress(done: number, total: number): void;
  /** Hands a chunk of text to the main thread; resolves when it may send more. */
  emit(text: string): Promise<void>;
}

/** A write's value and the config_changes rows it made (after the first, up to the second). */
export interface Tracked<T> {
  value: T;
  changes: [number, number];
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function organizationServices(db: Db) {
  const organizations = createOrganizationRepository(db);
  return {
    organizations,
    positions: createPositionReader(db, organizations),
    facets: createFacetReader(db),
  };
}

/**
 * The storage port's operations on one SQLite connection, grouped by the worker that answers them:
 * `read` on the reader's connection, `write` and `configWrite` on the writer's (each reporting the
 * config_changes rows it made; a configuration write also waits for another process's lock as its
 * LockWait asks), and the long tasks of each. The main thread's relay is built from these names
 * (db/sqlite/storage.ts), so an operation is added here and nowhere else on this engine.
 */
export function sqliteOperations(db: Db, file: string) {
  const engine = sqliteEngine(db);
  const configs = configRepository(engine, sqliteConfigSql);
  const orgs = orgRepository(engine, sqliteOrgSql);
  const views = viewsRepository(engine, sqliteViewsSql);
  const writes = new WriteQueue();
  // better-sqlite3's awaits resolve at once: without a pause, a refresh's turns would follow one
  // another before this thread hears the messages that came meanwhile (a weight saved), which could
  // then only queue behind every stale sector.
  const refreshTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    await yieldToEventLoop();
    return writes.run(work);
  };
  // Rankings and what-ifs are computed where reads run (the reader's thread), the grid's stored
  // scores on the writer's; loaded assessments are kept while no connection, this one included, has
  // committed anything, so a what-if re-scores from memory and a refresh never reads an old copy. The
  // writer patches what it keeps with the organizations its own edits touch (`followed` below).
  const { operations, following } = scoringParts(
    engine,
    configs.reads,
    {
      parameters: sqliteParameterSql,
      refresh: { ...sqliteScoreRefreshSql(db), turn: refreshTurn },
    },
    {
      dataVersion: sqliteDataVersion(db),
    },
  );
  const { updatePlatformParameter, refreshScores, ...scoring } = operations;
  // Built once the schema exists, for the schema version they were built at: a migration, this
  // thread's or another connection's (the writer upgrades a file the reader already reads), builds
  // them again with the view's new columns.
  let services: { version: number; built: ReturnType<typeof organizationServices> } | undefined;
  const ready = () => {
    const version = schemaVersion(db);
    if (services?.version === version) return services.built;
    requireSchema(db);
    // A statement prepared on a schema this connection cached before another connection's migration
    // describes the old view; one stepped first makes the connection read the schema again.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    services = { version, built: organizationServices(db) };
    return services.built;
  };

  /** The last config_changes row, or 0 before the migration that creates the log. */
  const lastChange = () =>
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'config_changes'").get()
      ? ((db.prepare('SELECT coalesce(max(seq), 0) FROM config_changes').pluck().get() as number) ?? 0)
      : 0;

  /** A write's value with the config_changes rows it made. */
  async function measured<T>(write: () => T | Promise<T>): Promise<Tracked<Awaited<T>>> {
    const before = lastChange();
    const value = await write();
    return { value, changes: [before, lastChange()] };
  }

  /**
   * One IMMEDIATE transaction: nobody else can write between its reads of the log, so the range a
   * write measures inside it is exactly its own.
   */
  async function immediate<T>(work: () => Promise<T>, wait?: LockWait): Promise<T> {
    await beginImmediate(db, wait);
    try {
      const value = await work();
      db.exec('COMMIT');
      return value;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  /** A write in its turn among this thread's writes, in one IMMEDIATE transaction, measured. */
  const tracked =
    <A extends unknown[], T>(write: (...args: A) => T | Promise<T>) =>
    (...args: A): Promise<Tracked<Awaited<T>>> =>
      writes.run(() => immediate(() => measured(() => write(...args))));

  /**
   * A tracked edit of organizations, followed in the writer's kept scoring inputs (`edited` names
   * the organizations it touched); if it does not commit, nothing kept is trusted.
   */
  const followed =
    <A extends unknown[], T>(write: (...args: A) => Promise<T>, edited: (value: T, ...args: A) => string[]) =>
    (...args: A): Promise<Tracked<T>> =>
      writes.run(async () => {
        try {
          return await immediate(() =>
            measured(() =>
              following.followed(
                () => write(...args),
                (value) => edited(value, ...args),
              ),
            ),
          );
        } catch (error) {
          following.forgetAll();
          throw error;
        }
      });

  /** The same for a configuration write, which waits for another process's lock as `wait` asks. */
  const waiting =
    <I, T>(write: (input: I) => Promise<T>) =>
    (input: I, wait: LockWait): Promise<Tracked<T>> =>
      writes.run(() => immediate(() => measured(() => write(input)), wait));

  const configWrites = Object.fromEntries(
    Object.entries(configs.writes).map(([name, write]) => [
      name,
      waiting((input: unknown) => (write as (input: unknown) => Promise<unknown>)(input)),
    ]),
  ) as {
    [K in keyof ConfigWrites]: (
      input: Parameters<ConfigWrites[K]>[0],
      wait: LockWait,
    ) => Promise<Tracked<Awaited<ReturnType<ConfigWrites[K]>>>>;
  };

  // Inside the tracked transaction a missing table is not recognised as NO_SCHEMA: check first.
  const schemaFirst =
    <A extends unknown[], T>(write: (...args: A) => T) =>
    (...args: A): T => {
      requireSchema(db);
      return write(...args);
    };
  const viewWrites = {
    saveView: tracked(schemaFirst(views.writes.saveView)),
    deleteView: tracked(schemaFirst(views.writes.deleteView)),
    importViews: tracked(schemaFirst(views.writes.importViews)),
  };

  /**
   * One read transaction: a page's or a window's rows and its total from the same snapshot, though
   * another process commits between the statements that read them.
   */
  const snapshot = <T>(read: () => T): T => db.transaction(read).deferred();

  return {
    read: {
      ...configs.reads,
      ...views.reads,
      ...scoring,
      status: async () => databaseStatus(db, file),
      // A file has no users of its own: the author is the OS user's or the one the analyst set.
      databaseUser: async () => null,
      describeSchema: async () => describeSchema(db),
      queryOrganizations: async (query: OrgQuery) => snapshot(() => ready().organizations.query(query)),
      countOrganizations: async (filter: OrgFilter) => ready().organizations.count(filter),
      organizationFacets: async (request: OrgFacetsRequest) => ready().facets(request),
      getOrganization: orgs.get,
      organizationChanges: orgs.changes,
      organizationColumns: async () => describeColumns(ready().organizations.columns),
      organizationRows: async (window: OrgWindow) => {
        const { positions } = ready();
        const rows = snapshot(() => positions.rows(window));
        // The first screen of a view is answered at once; its anchors are built right after, before
        // the analyst can drag the scrollbar (a request arriving meanwhile waits for them).
        if (window.start === 0) {
          const { start: _start, count: _count, ...selection } = window;
          setImmediate(() => {
            try {
              positions.prepare(selection);
            } catch {
              // The next window reports whatever went wrong.
            }
          });
        }
        return rows;
      },
    },
    configWrite: configWrites,
    write: {
      ...viewWrites,
      updatePlatformParameter: tracked(updatePlatformParameter),
      // Each stale sector read in parts and written, each part and write in its turn among this
      // thread's writes; it logs no configuration change, so it is not tracked.
      refreshScores,
      // A migration runs its own transactions, and may log changes too: they are this instance's.
      migrate: () => writes.run(() => measured(() => migrate(db))),
      seedSectorsDimensions: tracked(() => seedSectorsAndDimensions(db)),
      addOrganization: followed(orgs.add, (saved) => [String(saved.row.organization_id)]),
      updateOrganization: followed(orgs.update, (_, edit) => [edit.organization_id]),
      deleteOrganizations: followed(orgs.remove, (_, ids) => ids),
      restoreOrganizations: followed(orgs.restore, (_, rows) =>
        rows.map((row) => String(row.organization_id)),
      ),
      seedWeightsCalibrations: tracked((input: { author: string }) =>
        seedWeightsAndCalibrations(db, { author: input.author }),
      ),
      /** Replaces every row with the demo template's; ATTACH cannot run inside a transaction. */
      resetDemo: (template: string) =>
        writes.run(async () => {
          ready();
          db.prepare('ATTACH DATABASE ? AS demo').run(template);
          try {
            return await immediate(() => measured(() => copyFromDemo(db)));
          } finally {
            db.exec('DETACH DATABASE demo');
          }
        }),
    },
    writeTask: {
      importOrganizations: (request: ImportRequest, task: WorkerTask) => {
        ready();
        return applyImport(
          request,
          sqliteImportTarget(db, (work) => writes.run(work)),
          task,
        );
      },
      insertSampleOrganizations: (options: { count: number; seed?: number }, task: WorkerTask) => {
        ready();
        return insertSamples(db, {
          ...options,
          signal: task.signal,
          onProgress: task.progress,
          exclusive: (work) => writes.run(work),
        });
      },
    },
    readTask: {
      previewOrganizationImport: (request: ImportRequest, task: WorkerTask) => {
        ready();
        return previewImport(
          request,
          sqliteImportTarget(db, (work) => work()),
          task,
        );
      },
      streamOrganizations(request: ExportRequest, task: WorkerTask) {
        const { organizations, positions } = ready();
        const chunks = exportRows({ columns: organizations.columns, scan: positions.scan }, request);
        return writeExport(organizations.columns, request, chunks, {
          signal: task.signal,
          total: positions.count(request),
          progress: task.progress,
          async write(text) {
            await task.emit(text);
            // Between chunks the worker answers its other messages (a cancel, the main thread's credit).
            await yieldToEventLoop();
          },
        });
      },
    },
  };
}

export type SqliteOperations = ReturnType<typeof sqliteOperations>;
export type OperationGroup = keyof SqliteOperations;
