import { SectorConfig } from '../../shared/sector-config';
import type { ConfigChange, Storage } from '../storage-port';
import type { ConfigChangeRow } from './worker/protocol';
import { WorkerLink } from './worker/link';

export interface SqliteStorageOptions {
  /** Refuse to create the file when it does not exist. */
  mustExist?: boolean;
  /** How often the reader checks the file for other processes' configuration changes. */
  pollMs?: number;
  /** How long the writer waits for another process's write lock before a BUSY error. */
  busyTimeoutMs?: number;
}

/**
 * Tells configuration changes made by other processes from this instance's own: the writer reports
 * the config_changes rows each of its writes made, and a report from the watcher waits while a
 * write is in flight, so that a change is never mistaken for another process's (or missed).
 */
class ChangeFilter {
  private inFlight = 0;
  private readonly own: [number, number][] = [];
  private queued: ConfigChangeRow[] = [];

  constructor(private readonly emit: (change: ConfigChange) => void) {}

  async write<T>(run: () => Promise<{ value: T; changes: [number, number] }>): Promise<T> {
    this.inFlight++;
    try {
      const { value, changes } = await run();
      this.own.push(changes);
      return value;
    } finally {
      this.inFlight--;
      this.flush();
    }
  }

  report(rows: ConfigChangeRow[]): void {
    this.queued.push(...rows);
    this.flush();
  }

  private flush(): void {
    if (this.inFlight > 0 || this.queued.length === 0) return;
    const rows = this.queued;
    this.queued = [];
    const seen = rows[rows.length - 1]?.seq ?? 0;
    const external = rows.filter((row) => !this.own.some(([from, to]) => row.seq > from && row.seq <= to));
    // Ranges wholly seen can go; a range may still be ahead of the watcher.
    for (let i = this.own.length - 1; i >= 0; i--) if ((this.own[i]?.[1] ?? 0) <= seen) this.own.splice(i, 1);
    if (external.length > 0) this.emit([...new Set(external.map((row) => row.focus_group_id))]);
  }
}

/**
 * The SQLite storage: a writer and a reader worker thread on one file. Reads never queue behind a
 * long write (WAL lets the reader's connection read beside the writer's), and the thread that
 * serves the UI only relays.
 */
export async function openSqliteStorage(file: string, options: SqliteStorageOptions = {}): Promise<Storage> {
  const writer = new WorkerLink('writer');
  const reader = new WorkerLink('reader');
  try {
    // The writer creates or upgrades the file; the reader opens what the writer left.
    const { busyTimeoutMs } = options;
    await writer.open({ file, mustExist: options.mustExist ?? false, pollMs: 0, busyTimeoutMs });
    await reader.open({ file, mustExist: true, pollMs: options.pollMs ?? 250, busyTimeoutMs });
  } catch (error) {
    await Promise.allSettled([writer.close(), reader.close()]);
    throw error;
  }
  const listeners = new Set<(change: ConfigChange) => void>();
  const changes = new ChangeFilter((change) => listeners.forEach((listener) => listener(change)));
  reader.onConfigChanges = (rows) => changes.report(rows);

  return {
    file,
    status: () => reader.call('status'),
    migrate: () => changes.write(() => writer.call('migrate')),
    describeSchema: () => reader.call('describeSchema'),
    seedFocusGroupsDimensions: () => changes.write(() => writer.call('seedFocusGroupsDimensions')),
    seedWeightsCalibrations: () => changes.write(() => writer.call('seedWeightsCalibrations')),
    configs: {
      listSectors: () => reader.call('listSectors'),
      listDimensions: () => reader.call('listDimensions'),
      loadSectorConfig: async (id, asOf) =>
        SectorConfig.fromJSON(await reader.call('loadSectorConfig', id, asOf)),
      loadSectorDetails: (id, asOf) => reader.call('loadSectorDetails', id, asOf),
      history: (id) => reader.call('history', id),
      exportDocument: (id) => reader.call('exportDocument', id),
      previewImport: (text) => reader.call('previewImport', text),
      updateWeights: (input) => changes.write(() => writer.call('updateWeights', input)),
      updateCalibration: (input) => changes.write(() => writer.call('updateCalibration', input)),
      addCalibration: (input) => changes.write(() => writer.call('addCalibration', input)),
      revert: (input) => changes.write(() => writer.call('revert', input)),
      importDocument: (text) => changes.write(() => writer.call('importDocument', text)),
    },
    resetDemo: (template) => changes.write(() => writer.call('resetDemo', template)),
    queryOrganizations: (query) => reader.call('queryOrganizations', query),
    countOrganizations: (filter) => reader.call('countOrganizations', filter),
    organizationColumns: () => reader.call('organizationColumns'),
    organizationRows: (window) => reader.call('organizationRows', window),
    insertSampleOrganizations: (input, hooks) => writer.task('insertSampleOrganizations', input, hooks),
    exportOrganizations: (selection, sink, hooks) =>
      reader.task('exportOrganizations', selection, hooks, sink),
    onExternalConfigChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // One after the other: the last connection to close checkpoints the WAL and removes it.
    async close() {
      await reader.close().catch(() => {});
      await writer.close();
    },
  };
}
