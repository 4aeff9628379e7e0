import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { listenForConfigChanges } from './listener';
import { pgConfigRepository } from './config-repo';
import { pgParameterSql } from '../core/platform-parameters';
import { scoringOperations } from '../core/scoring-repository';
import { pgScoreRefreshSql, watchStaleScores } from './score-refresh-sql';
import { pgEngine } from './sql-engine';
import { PgConnectionState } from './connection-state';
import { pgMigrate } from './migrate';
import { pgOrganizations } from './organizations';
import { orgRepository } from '../core/org-repository';
import { pgOrgSql } from './org-write-sql';
import { pgImportTarget } from './org-import';
import { applyImport } from '../core/import/apply';
import { previewImport } from '../core/import/run';
import { describePostgresUrl, openPgPool } from './pool';
import { pgDatabaseStatus, pgDescribeSchema } from './schema-info';
import type { ConfigChange, OrganizationEdits, Storage } from '../port';
import type { DemoResetResult } from '../../shared/domain';
import { noSchemaError } from '../core/migrations';
import { pgSchemaVersion } from './migrate';
import { pgSeedSectorsDimensions, pgSeedWeightsCalibrations } from './seeding';
import { pgViews } from './views';

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
export interface PgStorageOptions {
  /**
   * Restores the demo database `template` into this server (in team mode the demo is an SQLite file
   * copied in; the composition root knows how), with this instance's application name.
   */
  restoreDemo?: (template: string, applicationName: string) => Promise<DemoResetResult>;
}

function pgOrganizationEdits(pool: Parameters<typeof pgEngine>[0]): OrganizationEdits {
  const orgs = orgRepository(pgEngine(pool), pgOrgSql);
  return {
    getOrganization: orgs.get,
    addOrganization: orgs.add,
    updateOrganization: orgs.update,
    deleteOrganizations: orgs.remove,
    restoreOrganizations: orgs.restore,
    organizationChanges: orgs.changes,
    previewOrganizationImport: (request, hooks) => previewImport(request, pgImportTarget(pool), hooks),
    importOrganizations: (request, hooks) => applyImport(request, pgImportTarget(pool), hooks),
  };
}

export async function openPgStorage(url: string, options: PgStorageOptions = {}): Promise<Storage> {
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
  // Seeding before `init` is refused as on SQLite (NO_SCHEMA), not with a missing-table error.
  const seed = async <T>(work: () => Promise<T>) => {
    if ((await pgSchemaVersion(pool)) === 0) throw noSchemaError();
    return work();
  };
  const config = pgConfigRepository(pool);
  const scoring = scoringOperations(pgEngine(pool), config, {
    parameters: pgParameterSql,
    refresh: pgScoreRefreshSql,
  });
  const scores = watchStaleScores(pool, () => scoring.refreshScores());
  const storage: Storage = {
    file: label,
    status: () => pgDatabaseStatus(pool, label),
    migrate: () => pgMigrate(pool),
    describeSchema: () => pgDescribeSchema(pool),
    seedSectorsDimensions: () => seed(() => pgSeedSectorsDimensions(pool)),
    seedWeightsCalibrations: ({ author }) => seed(() => pgSeedWeightsCalibrations(pool, author)),
    async databaseUser() {
      const { rows } = await pool.query<{ name: string }>('SELECT current_user AS name');
      return rows[0]?.name ?? null;
    },
    ...config,
    ...scoring,
    ...pgOrganizations(pool),
    ...pgOrganizationEdits(pool),
    ...pgViews(pool),
    async resetDemo(template) {
      if (!options.restoreDemo) throw new AppError('NOT_FOUND', 'No demo database can be restored here');
      return options.restoreDemo(template, applicationName);
    },
    onExternalConfigChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await scores.stop();
      await listener.close();
      await pool.end();
    },
  };
  return answeringLoss(storage, state);
}
