import { Command, InvalidArgumentError } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CacheInfo } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { createBackend, type Backend } from '../backend/index';
import { isPostgresUrl } from '../../db/pg/pool';
import { commandLineDatabase, defaultDatabase } from '../backend/paths';
import { startBrowserHost, type BrowserHost } from './server';

export interface ServeOptions {
  port: number;
  dbFile: string;
  staticDir: string;
  /** REDIS_URL: the cache is shared through this Redis instead of the embedded keyspace. */
  redisUrl?: string;
  /** SECTOR_STUDIO_DEMO_DB: a demo database (npm run build:demo) to start from when the file is new, and to reset to. */
  demoDatabase?: string;
  /** SECTOR_STUDIO_AUTHOR: the name changes are saved under when a window sets none. */
  author?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  }
  return port;
}

/** The command line and environment of `npm run start:browser`, as serve() options. */
export function hostOptions(argv: string[], env: NodeJS.ProcessEnv, staticDir: string): ServeOptions {
  const options = new Command()
    .name('start:browser')
    .description('Serve Sector Studio to a browser on 127.0.0.1, with the same backend as the desktop app.')
    .option('--port <port>', 'port to listen on (0 picks a free port)', parsePort, 5199)
    .option(
      '--db <file|url>',
      "an SQLite file, or postgres://host/database for team mode (default: $DATABASE_URL, else the app's file)",
      commandLineDatabase,
    )
    .exitOverride()
    .parse(argv)
    .opts<{ port: number; db?: string }>();
  const db = options.db ?? defaultDatabase(env);
  return {
    port: options.port,
    dbFile: isPostgresUrl(db) ? db : resolve(db),
    staticDir,
    redisUrl: env.REDIS_URL || undefined,
    demoDatabase: env.SECTOR_STUDIO_DEMO_DB ? resolve(env.SECTOR_STUDIO_DEMO_DB) : undefined,
    author: env.SECTOR_STUDIO_AUTHOR || undefined,
  };
}

export interface Serving {
  host: BrowserHost;
  backend: Backend;
  cache: CacheInfo;
  close(): Promise<void>;
}

/**
 * Opens the database and the cache and serves them; fails with one sentence (an AppError) on a
 * file it cannot open or a port that is taken, having closed what it opened.
 */
export async function serve(options: ServeOptions): Promise<Serving> {
  if (!isPostgresUrl(options.dbFile)) mkdirSync(dirname(options.dbFile), { recursive: true });
  const backend = await createBackend({
    dbFile: options.dbFile,
    redisUrl: options.redisUrl,
    demoDatabase: options.demoDatabase,
    author: options.author,
    authorSource: 'environment',
  });
  let host: BrowserHost;
  try {
    host = await startBrowserHost({ backend, port: options.port, staticDir: options.staticDir });
  } catch (error) {
    await backend.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new AppError(
        'CONFLICT',
        `Port ${options.port} is in use: choose another with --port (0 picks a free one)`,
      );
    }
    throw error;
  }
  const status = await backend.invoke('db:status', {});
  const cache: CacheInfo = status.ok
    ? status.value.cache
    : { kind: 'embedded', label: 'embedded', warning: null, unreachable_since: null };
  return {
    host,
    backend,
    cache,
    async close() {
      await host.close();
      // Closing the backend checkpoints and closes the SQLite file, so a later run finds it intact.
      await backend.close();
    },
  };
}
