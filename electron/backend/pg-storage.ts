import { randomUUID } from 'node:crypto';
import { demoRestored } from '../../db/demo';
import { copyDatabase } from '../../db/transfer/copy';
import { listenForConfigChanges } from '../../db/pg/config-listener';
import { pgConfigStore } from '../../db/pg/config-store';
import { pgMigrate } from '../../db/pg/migrate';
import { pgOrganizationStore } from '../../db/pg/org-store';
import { describePostgresUrl, openPgPool } from '../../db/pg/pool';
import { pgDatabaseStatus, pgDescribeSchema } from '../../db/pg/schema-info';
import type { ConfigChange, Storage } from './storage';

/**
 * Team mode's storage: PostgreSQL through a connection pool. Its I/O is asynchronous, so it runs on
 * the thread that serves the UI without blocking it; PostgreSQL itself orders concurrent writers.
 * Other instances' configuration changes arrive by LISTEN/NOTIFY.
 */
export async function openPgStorage(url: string): Promise<Storage> {
  const applicationName = `sector-studio:${randomUUID()}`;
  const pool = await openPgPool(url, { applicationName });
  const listeners = new Set<(change: ConfigChange) => void>();
  const listener = await listenForConfigChanges(url, applicationName, (change) =>
    listeners.forEach((notify) => notify(change)),
  );
  const label = describePostgresUrl(url);
  return {
    file: label,
    status: () => pgDatabaseStatus(pool, label),
    migrate: () => pgMigrate(pool),
    describeSchema: () => pgDescribeSchema(pool),
    ...pgConfigStore(pool),
    ...pgOrganizationStore(pool),
    async resetDemo(template) {
      const report = await copyDatabase(template, url, { replace: true, applicationName });
      return demoRestored(report.tables.find((t) => t.table === 'organizations')?.rows ?? 0);
    },
    onExternalConfigChange(notify) {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
