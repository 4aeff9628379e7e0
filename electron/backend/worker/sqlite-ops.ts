import { sqliteConfigRepository, type SqliteConfigRepository } from '../../../db/config-repo';
import type { Db } from '../../../db/connection';
import { exportChunks } from '../../../db/export';
import { migrate, requireSchema } from '../../../db/migrate';
import { describeColumns } from '../../../db/org-filters';
import { createPositionReader } from '../../../db/org-positions';
import { createOrganizationRepository } from '../../../db/org-repo';
import { insertSampleOrganizations } from '../../../db/sample-orgs';
import { databaseStatus, describeSchema } from '../../../db/schema-info';
import { seedFocusGroupsAndDimensions, seedWeightsAndCalibrations } from '../../../db/seeding';
import type { ExportRequest, OrgFilter, OrgQuery, OrgWindow } from '../../../shared/org-query';

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

  /**
   * Runs a configuration write inside one IMMEDIATE transaction and reports which config_changes
   * rows it made: nobody else can write between the two reads, so the range is exactly its own.
   */
  function tracked<T>(write: () => T): { value: T; changes: [number, number] } {
    const { lastChange } = ready();
    return db
      .transaction(() => {
        const before = lastChange.get() ?? 0;
        const value = write();
        return { value, changes: [before, lastChange.get() ?? 0] as [number, number] };
      })
      .immediate();
  }

  return {
    status: () => databaseStatus(db, file),
    migrate: () => {
      const result = migrate(db);
      services = undefined;
      return result;
    },
    describeSchema: () => describeSchema(db),
    seedFocusGroupsDimensions: () => tracked(() => seedFocusGroupsAndDimensions(db)),
    seedWeightsCalibrations: () => tracked(() => seedWeightsAndCalibrations(db)),
    listSectors: () => ready().configs.listSectors(),
    listDimensions: () => ready().configs.listDimensions(),
    loadSectorConfig: (id: string) => ready().configs.loadSectorConfig(id).toJSON(),
    updateWeight: (input: Parameters<SqliteConfigRepository['updateWeight']>[0]) =>
      tracked(() => ready().configs.updateWeight(input)),
    updateCalibration: (input: Parameters<SqliteConfigRepository['updateCalibration']>[0]) =>
      tracked(() => ready().configs.updateCalibration(input)),
    queryOrganizations: (query: OrgQuery) => ready().organizations.query(query),
    countOrganizations: (filter: OrgFilter) => ready().organizations.count(filter),
    organizationColumns: () => describeColumns(ready().organizations.columns),
    organizationRows: (window: OrgWindow) => {
      const { positions } = ready();
      const rows = positions.rows(window);
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
      return insertSampleOrganizations(db, { ...options, signal: task.signal, onProgress: task.progress });
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
