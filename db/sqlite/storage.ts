import type { ConfigChange, ExportHooks, LockWait, Storage, StorageOperations, TaskHooks } from '../port';
import type { ConfigChangeRow } from './worker/protocol';
import { refreshSchedule } from '../core/refresh-schedule';
import { WorkerLink } from './worker/link';
import type { SqliteOperations, Tracked } from './worker/operations';

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

type Operation = (...args: never[]) => unknown;
/** A worker's operation as the main thread calls it: a write's tracked value unwrapped. */
type Relayed<F> = F extends (...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R> extends Tracked<infer T> ? T : Awaited<R>>
  : never;
/** A configuration write as the port declares it: the worker's lock wait becomes the caller's. */
type RelayedWrite<F> = F extends (input: infer I, wait: LockWait) => Promise<Tracked<infer T>>
  ? (input: I, wait?: LockWait) => Promise<T>
  : never;
/** A task as the port declares it: the worker's task hooks become the caller's hooks. */
type RelayedTask<F> = F extends (input: infer I, task: never) => infer R
  ? (input: I, hooks: TaskHooks & Partial<ExportHooks>) => Promise<Awaited<R>>
  : never;
type Relay = { [K in keyof SqliteOperations['read']]: Relayed<SqliteOperations['read'][K]> } & {
  [K in keyof SqliteOperations['write']]: Relayed<SqliteOperations['write'][K]>;
} & {
  [K in keyof SqliteOperations['configWrite']]: RelayedWrite<SqliteOperations['configWrite'][K]>;
} & { [K in keyof SqliteOperations['readTask']]: RelayedTask<SqliteOperations['readTask'][K]> } & {
  [K in keyof SqliteOperations['writeTask']]: RelayedTask<SqliteOperations['writeTask'][K]>;
};
/** The worker offers exactly the port's operations, with the port's types (checked at compile time). */
type Exactly<T, U> = [Exclude<keyof T, keyof U>, Exclude<keyof U, keyof T>] extends [never, never]
  ? T
  : never;
const conforms = (relay: Exactly<Relay, StorageOperations>): StorageOperations => relay;

/**
 * The SQLite storage: a writer and a reader worker thread on one file. Reads never queue behind a
 * long write (WAL lets the reader's connection read beside the writer's), and the thread that
 * serves the UI only relays: each operation the workers name goes to the worker of its group, a
 * write through the filter that tells this instance's configuration changes from others'.
 */
export async function openSqliteStorage(file: string, options: SqliteStorageOptions = {}): Promise<Storage> {
  const writer = new WorkerLink('writer');
  const reader = new WorkerLink('reader');
  let names;
  try {
    // The writer creates or upgrades the file; the reader opens what the writer left.
    const { busyTimeoutMs } = options;
    names = await writer.open({ file, mustExist: options.mustExist ?? false, pollMs: 0, busyTimeoutMs });
    await reader.open({ file, mustExist: true, pollMs: options.pollMs ?? 250, busyTimeoutMs });
  } catch (error) {
    await Promise.allSettled([writer.close(), reader.close()]);
    throw error;
  }
  const listeners = new Set<(change: ConfigChange) => void>();
  const changes = new ChangeFilter((change) => listeners.forEach((listener) => listener(change)));
  reader.onConfigChanges = (rows) => changes.report(rows);

  const relay: Record<string, Operation> = {};
  for (const name of names.read) relay[name] = (...args) => reader.call(name, args);
  // After this instance's own write the refresh is asked for at once rather than when the reader's
  // watch next looks (up to its poll later): a refresh that starts while the writer still knows what
  // it edited scores from memory, and the other instances find the sector fresh.
  const thenRefresh = async <T>(write: Promise<T>) => {
    const value = await write;
    scores.request();
    return value;
  };
  for (const name of names.write) {
    relay[name] =
      name === 'refreshScores'
        ? // It logs no configuration change: other processes' changes need not wait for it (after a
          // large insert it runs for seconds).
          (...args) => writer.call(name, args)
        : (...args) => thenRefresh(changes.write(() => writer.call(name, args) as Promise<Tracked<unknown>>));
  }
  for (const name of names.configWrite) {
    relay[name] = (input: unknown, wait?: LockWait) =>
      thenRefresh(changes.write(() => writer.waitingWrite(name, input, wait) as Promise<Tracked<unknown>>));
  }
  const task = (link: WorkerLink) => (name: string) =>
    (relay[name] = (input: unknown, hooks: TaskHooks & Partial<ExportHooks>) =>
      link.task(name, input, hooks, hooks.sink));
  names.readTask.forEach(task(reader));
  names.writeTask.forEach(task(writer));

  const operations = conforms(relay as unknown as Exactly<Relay, StorageOperations>);
  // The reader tells when some sector's scores went stale (any connection's commit); the writer
  // recomputes them. A failure leaves them stale (blank, never wrong) until the retry or next change.
  const scores = refreshSchedule(operations.refreshScores, () => {});
  reader.onScoresStale = () => scores.request();

  return {
    ...operations,
    file,
    onExternalConfigChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // One after the other: the last connection to close checkpoints the WAL and removes it.
    async close() {
      await scores.stop();
      await reader.close().catch(() => {});
      await writer.close();
    },
  };
}
