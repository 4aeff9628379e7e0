import { sqliteConfigRepository, type SqliteConfigRepository } from '../config-repo';
import type { Db } from '../connection';
import { copyFromDemo } from '../demo';
import { exportChunks } from '../../core/export';
import { migrate, requireSchema } from '../migrate';
import { describeColumns } from '../../core/org-filters';
import { createPositionReader } from '../org-positions';
import { createOrganizationRepository } from '../org-repo';
import { insertSampleOrganizations } from '../sample-orgs';
import { databaseStatus, describeSchema } from '../schema-info';
import { seedFocusGroupsAndDimensions, seedWeightsAndCalibrations } from '../seeding';
import type { ExportRequest, OrgFilter, OrgQuery, OrgWindow } from '../../../shared/org-query';
import { WriteQueue } from './write-queue';

/** What a long operation gets from the worker: cancel, progress and, for exports, an outlet. */
export interface WorkerTask {
  signal: AbortSignal;
  progress(done: number, total: number): void;
  /** Hands a chunk of text to the main thread; resolves when it may send more. */
  emit(text: string): Promise<void>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function createServices(db: Db) {
  const organizations = createOrganizationRepository(db);
  return {
    configs: sqliteConfigRepository(db),
    organizations,
    positions: createPositionReader(db, organizations),
    lastChange: db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM config_changes').pluck(),
  };
}

/**
 * The database operations one worker answers, over its own connection. Repositories are built
 * once the schema exists and rebuilt after a migration, so no call re-checks the schema.
 */
export function sqliteOps(db: Db, file: string) {
  let services: ReturnType<typeof createServices> | undefined;
  const ready = () => {
    if (services) return services;
    requireSchema(db);
    services = createServices(db);
    return services;
  };

  const writes = new WriteQueue();

  /**
   * Runs a configuration write inside one IMMEDIATE transaction, in its turn among this thread's
   * writes, and reports which config_changes rows it made: nobody else can write between the two
   * reads, so the range is exactly its own.
   */
  function tracked<T>(write: () => T): Promise<{ value: T; changes: [number, number] }> {
    return writes.run(() => trackedNow(write));
  }

  function trackedNow<T>(write: () => T): { value: T; changes: [number, number] } {
    const { lastChange } = ready();
    return db
      .transaction(() => {
        const before = lastChange.get() ?? 0;
        const value = write();
        return { value, changes: [before, lastChange.get() ?? 0] as [number, number] };
      })
      .immediate();
  }

  /**
   * One read transaction: a page's or a window's rows and its total from the same snapshot, though
   * another process commits between the statements that read them.
   */
  function snapshot<T>(read: () => T): T {
    return db.transaction(read).deferred();
  }

  /** The last config_changes row, or 0 before the migration that creates the log. */
  const hasChangeLog = db
    .prepare<[], number>(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'config_changes'",
    )
    .pluck();
  const lastChangeIfAny = () =>
    hasChangeLog.get()
      ? (db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM config_changes').pluck().get() ?? 0)
      : 0;

  return {
    status: () => databaseStatus(db, file),
    // A migration may log configuration changes too (the decimal-scale one asks running instances
    // to drop their caches): its rows are this instance's own, not another process's.
    migrate: () =>
      writes.run(() => {
        const before = lastChangeIfAny();
        const value = migrate(db);
        services = undefined;
        return { value, changes: [before, lastChangeIfAny()] as [number, number] };
      }),
    describeSchema: () => describeSchema(db),
    seedFocusGroupsDimensions: () => tracked(() => seedFocusGroupsAndDimensions(db)),
    seedWeightsCalibrations: () => tracked(() => seedWeightsAndCalibrations(db)),
    listSectors: () => ready().configs.listSectors(),
    listDimensions: () => ready().configs.listDimensions(),
    loadSectorConfig: (id: string, asOf?: string | null) =>
      ready().configs.loadSectorConfig(id, asOf).toJSON(),
    loadSectorDetails: (id: string, asOf?: string | null) => ready().configs.loadSectorDetails(id, asOf),
    history: (id: string) => ready().configs.history(id),
    exportDocument: (id: string | null) => ready().configs.exportDocument(id),
    previewImport: (text: string) => ready().configs.previewImport(text),
    updateWeights: (input: Parameters<SqliteConfigRepository['updateWeights']>[0]) =>
      tracked(() => ready().configs.updateWeights(input)),
    updateCalibration: (input: Parameters<SqliteConfigRepository['updateCalibration']>[0]) =>
      tracked(() => ready().configs.updateCalibration(input)),
    addCalibration: (input: Parameters<SqliteConfigRepository['addCalibration']>[0]) =>
      tracked(() => ready().configs.addCalibration(input)),
    revert: (input: Parameters<SqliteConfigRepository['revert']>[0]) =>
      tracked(() => ready().configs.revert(input)),
    importDocument: (text: string) => tracked(() => ready().configs.importDocument(text)),
    /** Replaces every row with the demo template's; ATTACH cannot run inside a transaction. */
    resetDemo: (template: string) =>
      writes.run(() => {
        ready();
        db.prepare('ATTACH DATABASE ? AS demo').run(template);
        try {
          return trackedNow(() => copyFromDemo(db));
        } finally {
          db.exec('DETACH DATABASE demo');
        }
      }),
    queryOrganizations: (query: OrgQuery) => snapshot(() => ready().organizations.query(query)),
    countOrganizations: (filter: OrgFilter) => ready().organizations.count(filter),
    organizationColumns: () => describeColumns(ready().organizations.columns),
    organizationRows: (window: OrgWindow) => {
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

    insertSampleOrganizations: (options: { count: number; seed?: number }, task: WorkerTask) => {
      ready();
      return insertSampleOrganizations(db, {
        ...options,
        signal: task.signal,
        onProgress: task.progress,
        exclusive: (work) => writes.run(work),
      });
    },

    async exportOrganizations(request: ExportRequest, task: WorkerTask) {
      const { organizations, positions } = ready();
      const total = positions.count(request);
      let rows = 0;
      for (const chunk of exportChunks({ columns: organizations.columns, scan: positions.scan }, request)) {
        if (task.signal.aborted) return { rows, cancelled: true };
        await task.emit(chunk.text);
        rows += chunk.rows;
        task.progress(rows, total);
        await yieldToEventLoop();
      }
      return { rows, cancelled: task.signal.aborted };
    },
  };
}

export type SqliteOps = ReturnType<typeof sqliteOps>;
