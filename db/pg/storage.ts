import { randomUUID } from 'node:crypto';
import { demoRestored } from '../sqlite/demo';
import { copyDatabase } from '../transfer/copy';
import { listenForConfigChanges } from './listener';
import { pgConfigStore } from './config-store';
import { PgConnectionState } from './connection-state';
import { pgMigrate } from './migrate';
import { pgOrganizationStore } from './org-store';
import { describePostgresUrl, openPgPool } from './pool';
import { pgDatabaseStatus, pgDescribeSchema } from './schema-info';
import type { ConfigChange, Storage } from '../storage-port';

/**
 * `target` with every method that returns a promise answering a lost connection as `state`'s
 * UNAVAILABLE sentence (naming the server and since when), whichever query of it failed.
 */
function answeringLoss<T extends object>(target: T, state: PgConnectionState): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = Reflect.apply(value, object, args);
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw state.failure(error);
            })
          : result;
      };
    },
  });
}

/**
 * Team mode's storage: PostgreSQL through a connection pool. Its I/O is asynchronous, so it runs on
 * the thread that serves the UI without blocking it; PostgreSQL itself orders concurrent writers.
 * Other instances' configuration changes arrive by LISTEN/NOTIFY. A server that goes away is a
 * state (see PgConnectionState), never a crash: requests answer UNAVAILABLE until it is back.
 */
export async function openPgStorage(url: string): Promise<Storage> {
  const applicationName = `sector-studio:${randomUUID()}`;
  const label = describePostgresUrl(url);
  const state = new PgConnectionState(label);
  const pool = await openPgPool(url, {
    applicationName,
    onLost: (error) => state.lost(error),
    onConnected: () => state.reached(),
  });
  const listeners = new Set<(change: ConfigChange, note?: string) => void>();
  const notify = (change: ConfigChange, note?: string) =>
    listeners.forEach((listener) => listener(change, note));
  const listener = await listenForConfigChanges(url, applicationName, {
    onChange: (sectors) => notify(sectors),
    onLost: (error) => state.lost(error),
    onListeningAgain(since) {
      state.reached();
      notify([null], PgConnectionState.backAfter(since));
    },
  });
  const configStore = pgConfigStore(pool);
  const storage: Storage = {
    file: label,
    status: () => pgDatabaseStatus(pool, label),
    migrate: () => pgMigrate(pool),
    describeSchema: () => pgDescribeSchema(pool),
    ...configStore,
    configs: answeringLoss(configStore.configs, state),
    ...pgOrganizationStore(pool),
    async resetDemo(template) {
      const report = await copyDatabase(template, url, { replace: true, applicationName });
      return demoRestored(report.tables.find((t) => t.table === 'organizations')?.rows ?? 0);
    },
    onExternalConfigChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
  return answeringLoss(storage, state);
}
