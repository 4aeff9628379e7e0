import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Channel, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { CacheLog } from './cache-log';
import { openCacheStore } from './cache/open-cache';
import { SectorConfigService, SERVICE_KEY_PATTERNS } from './config-service';
import { createDispatcher, type Handlers } from './dispatch';
import { EventBus } from './event-bus';
import { exportToFile } from './export-file';
import { cacheHandlers } from './handlers/cache';
import { installDemoDatabase } from '../../db/sqlite/demo';
import { configHandlers } from './handlers/config';
import { demoHandlers } from './handlers/demo';
import type { BackendContext } from './handlers/context';
import { organizationHandlers } from './handlers/organizations';
import { organizationEditHandlers } from './handlers/org-edits';
import { organizationImportHandlers } from './handlers/org-import';
import { ImportFiles } from './import-files';
import { schemaHandlers } from './handlers/schema';
import { scoringHandlers } from './handlers/scoring';
import { seedingHandlers } from './handlers/seeding';
import { viewHandlers } from './handlers/views';
import type { Storage, TextSink } from '../../db/port';
import { Tasks } from './tasks';
import type { Backend, BackendOptions } from './types';
import { checkedAuthor, defaultAuthor } from './authors';
import { WriteWaits } from './write-waits';
import { openSqliteStorage } from '../../db/sqlite/storage';
import { openPgStorage } from '../../db/pg/storage';
import { restoreDemo } from '../../db/transfer/copy';
import { isPostgresUrl } from '../../db/pg/pool';

export type { Backend, BackendOptions, ExportDestination } from './types';

/** A sink over a stream with backpressure; once `signal` aborts, chunks are dropped. */
function streamSink(out: NodeJS.WritableStream, signal: AbortSignal | undefined): TextSink {
  return async (chunk) => {
    if (signal?.aborted || out.write(chunk)) return;
    await once(out, 'drain', { signal }).catch((error: unknown) => {
      if (!signal?.aborted) throw error;
    });
  };
}

/** The laptop's storage: the SQLite file (created, or first copied from the demo database). */
function openLocalStorage(options: BackendOptions): Promise<Storage> {
  if (!options.mustExist) mkdirSync(dirname(options.dbFile), { recursive: true });
  if (options.demoDatabase !== undefined && !options.mustExist) {
    installDemoDatabase(options.dbFile, options.demoDatabase);
  }
  return openSqliteStorage(options.dbFile, {
    mustExist: options.mustExist,
    pollMs: options.changePollMs,
    busyTimeoutMs: options.busyTimeoutMs,
  });
}

/**
 * The composition root: the storage (an SQLite file served by worker threads, or PostgreSQL when
 * `dbFile` is a postgres:// URL), one cache, the configuration
 * service, the handler table of every feature, and the event bus the shells forward.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const source = options.authorSource ?? 'setting';
  const name = options.author;
  const given =
    name === undefined
      ? undefined
      : { name: checkedAuthor(name, source === 'environment' ? 'SECTOR_STUDIO_AUTHOR' : 'author'), source };
  const storage: Storage = isPostgresUrl(options.dbFile)
    ? await openPgStorage(options.dbFile, {
        restoreDemo: (template, applicationName) => restoreDemo(template, options.dbFile, applicationName),
      })
    : await openLocalStorage(options);
  const { store, info: cacheInfo } = await openCacheStore(options.redisUrl, {
    ...options.redisClient,
    derivedKeys: SERVICE_KEY_PATTERNS,
  });
  const bus = new EventBus();
  const cacheLog = new CacheLog((entry) => bus.emit('cache:log', entry));
  store.onEvent((event) => cacheLog.record(event));
  store.onAvailabilityChange(() => bus.emit('cache:status', cacheInfo()));
  const configService = new SectorConfigService(storage, store, options.cacheTtlSeconds, (event) =>
    cacheLog.record(event),
  );
  const stopWatching = storage.onExternalConfigChange((sectors, note = 'changed in another process') => {
    const all = sectors.includes(null);
    const work = all
      ? [configService.invalidate(null, note)]
      : sectors.map((id) => configService.invalidate(id, note));
    void Promise.allSettled(work);
  });
  const tasks = new Tasks(bus);

  const exportOrganizations: Backend['exportOrganizations'] = async (selection, destination, signal) => {
    // The engine counts the selection once and reports it as the progress total.
    const run = (sink: TextSink) =>
      tasks.run('orgs:export', 0, ({ signal: cancel, progress }) =>
        storage.streamOrganizations(selection, {
          sink,
          signal: signal === undefined ? cancel : AbortSignal.any([cancel, signal]),
          progress,
        }),
      );
    if ('stream' in destination) return run(streamSink(destination.stream, signal));
    return exportToFile({
      target: destination.file,
      dbFile: options.dbFile,
      overwrite: destination.overwrite,
      write: run,
    });
  };

  const context: BackendContext = {
    options,
    storage,
    store,
    cacheInfo,
    cacheLog,
    configService,
    tasks,
    exportOrganizations,
    defaultAuthor: defaultAuthor(given, storage),
    writeWaits: new WriteWaits((event) => bus.emit('write:busy', event)),
  };
  const importFiles = new ImportFiles(options.dbFile);
  const handlers: Handlers = {
    ...schemaHandlers(context),
    ...seedingHandlers(context),
    ...configHandlers(context),
    ...demoHandlers(context),
    ...cacheHandlers(context),
    ...organizationHandlers(context),
    ...organizationEditHandlers(context),
    ...organizationImportHandlers(context, importFiles),
    ...viewHandlers(context),
    ...scoringHandlers(context),
  };
  const dispatch = createDispatcher(handlers);

  return {
    dbFile: options.dbFile,
    dispatch,
    invoke: <C extends Channel>(channel: C, input: Input<C>) =>
      dispatch(channel, input) as Promise<Result<Output<C>>>,
    subscribe: (event, listener) => bus.subscribe(event, listener),
    exportOrganizations,
    openImportFile: (path) => importFiles.readPath(path),
    uploadImportFile: (body, name) => importFiles.upload(body, name),
    rejectedRows: (id) => importFiles.rejected(id),
    refreshScores: () => storage.refreshScores(),
    async close() {
      stopWatching();
      tasks.cancelAll();
      await store.close();
      await storage.close();
      await importFiles.close();
    },
  };
}
