import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Channel, Input, OrgExport, Output } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { createConfigRepository } from '../../db/config-repo';
import { openDatabase, type Db } from '../../db/connection';
import { migrate, requireSchema } from '../../db/migrate';
import { createOrganizationRepository } from '../../db/org-repo';
import { exportOrganizationsCsv } from '../../db/export';
import { insertSampleOrganizations } from '../../db/sample-orgs';
import { databaseStatus, describeSchema } from '../../db/schema-info';
import { seedFocusGroupsAndDimensions, seedWeightsAndCalibrations } from '../../db/seeding';
import { KeyspaceStore } from './cache/keyspace-store';
import { createRedisStore } from './cache/redis-store';
import type { CacheStore } from './cache/store';
import { CacheLog } from './cache-log';
import { SectorConfigService } from './config-service';
import { createDispatcher, type Handlers } from './dispatch';
import { EventBus } from './event-bus';
import { exportToFile } from './export-file';
import { Tasks } from './tasks';
import type { Backend, BackendOptions } from './types';

export type { Backend, BackendOptions } from './types';

/** Services that need the schema; built on first use after `init`. */
function createServices(db: Db, store: CacheStore, ttlSeconds: number | undefined) {
  const configs = createConfigRepository(db);
  return {
    configs,
    organizations: createOrganizationRepository(db),
    configService: new SectorConfigService(configs, store, ttlSeconds),
  };
}

/** The composition root: one database file, one cache, the handler table, the event bus. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  if (options.dbFile !== ':memory:' && !options.mustExist)
    mkdirSync(dirname(options.dbFile), { recursive: true });
  const db = openDatabase(options.dbFile, { mustExist: options.mustExist });
  const store: CacheStore = options.redisUrl ? await createRedisStore(options.redisUrl) : new KeyspaceStore();
  const bus = new EventBus();
  const cacheLog = new CacheLog((entry) => bus.emit('cache:log', entry));
  store.onEvent((event) => cacheLog.record(event));

  let services: ReturnType<typeof createServices> | undefined;
  const ready = () => {
    requireSchema(db);
    services ??= createServices(db, store, options.cacheTtlSeconds);
    return services;
  };
  const tasks = new Tasks(bus);
  const exportOrganizations = (filter: OrgExport, out: NodeJS.WritableStream, caller?: AbortSignal) => {
    const { organizations } = ready();
    return tasks.run('orgs:export', organizations.count(filter), ({ signal, progress }) =>
      exportOrganizationsCsv(organizations, filter, out, {
        signal: caller === undefined ? signal : AbortSignal.any([signal, caller]),
        onProgress: progress,
      }),
    );
  };

  const handlers: Handlers = {
    'db:status': () => databaseStatus(db, options.dbFile),
    'schema:init': () => migrate(db),
    'schema:describe': () => describeSchema(db),
    'seed:focusGroupsDimensions': () => seedFocusGroupsAndDimensions(db),
    'seed:weightsCalibrations': async () => {
      const result = seedWeightsAndCalibrations(db);
      if (result.inserted + result.updated > 0) await ready().configService.invalidate();
      return result;
    },
    'sectors:list': () => ready().configs.listSectors(),
    'dimensions:list': () => ready().configs.listDimensions(),
    'config:get': async ({ focus_group_id }) =>
      (await ready().configs.loadSectorConfig(focus_group_id)).toJSON(),
    'config:updateWeight': (input) => ready().configService.updateWeight(input),
    'config:updateCalibration': (input) => ready().configService.updateCalibration(input),
    'cache:fetch': ({ focus_group_id }) => ready().configService.getConfig(focus_group_id),
    'cache:invalidate': ({ focus_group_id }) => ready().configService.invalidate(focus_group_id),
    'cache:stats': async () => {
      const [stats, keys] = await Promise.all([store.stats(), store.keys('*')]);
      const ttls = await Promise.all(
        keys.sort().map(async (key) => ({ key, ttl_ms: await store.pttl(key) })),
      );
      const { hits, misses } = cacheLog.lookups();
      return {
        hits,
        misses,
        hit_rate: hits + misses === 0 ? 0 : hits / (hits + misses),
        keyspace_hits: stats.keyspace_hits,
        keyspace_misses: stats.keyspace_misses,
        keys: ttls.filter((k) => k.ttl_ms !== -2),
        used_memory: stats.used_memory,
        maxmemory: stats.maxmemory,
        maxmemory_policy: stats.maxmemory_policy,
        expired_keys: stats.expired_keys,
        evicted_keys: stats.evicted_keys,
      };
    },
    'cache:log': () => cacheLog.recent(),
    'orgs:insertSample': ({ count, seed }) => {
      ready();
      return tasks.run('orgs:insertSample', count, ({ signal, progress }) =>
        insertSampleOrganizations(db, { count, seed, signal, onProgress: progress }),
      );
    },
    'orgs:cancelInsert': () => ({ cancelled: tasks.cancel('orgs:insertSample') }),
    'orgs:query': (query) => ready().organizations.query(query),
    'orgs:export': async (filter) => {
      ready();
      if (!options.chooseExportPath) {
        throw new AppError(
          'INVALID_INPUT',
          'Saving to a file needs the desktop app; the browser downloads instead',
        );
      }
      const path = await options.chooseExportPath('organizations.csv');
      if (path === null) return { path: null, rows: 0, cancelled: true };
      return { path, ...(await exportToFile(path, (out) => exportOrganizations(filter, out))) };
    },
    'orgs:cancelExport': () => ({ cancelled: tasks.cancel('orgs:export') }),
  };
  const dispatch = createDispatcher(handlers);

  return {
    dbFile: options.dbFile,
    dispatch,
    invoke: <C extends Channel>(channel: C, input: Input<C>) =>
      dispatch(channel, input) as Promise<Result<Output<C>>>,
    subscribe: (event, listener) => bus.subscribe(event, listener),
    exportOrganizations,
    async close() {
      tasks.cancelAll();
      await store.close();
      db.close();
    },
  };
}
