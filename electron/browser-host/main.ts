import { Command, InvalidArgumentError } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend/index';
import { defaultDbFile } from '../backend/paths';
import { startBrowserHost } from './server';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  }
  return port;
}

const options = new Command()
  .name('start:browser')
  .description('Serve Sector Studio to a browser on 127.0.0.1, with the same backend as the desktop app.')
  .option('--port <port>', 'port to listen on (0 picks a free port)', parsePort, 5199)
  .option('--db <file>', 'SQLite database file', defaultDbFile())
  .parse()
  .opts<{ port: number; db: string }>();

const staticDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`The renderer is not built (${staticDir}): run npm run start:browser, which builds it.`);
  process.exit(1);
}

/** One line on stderr and exit 1: a person reads this, not a stack trace. */
function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

const dbFile = resolve(options.db);
mkdirSync(dirname(dbFile), { recursive: true });
const backend = await createBackend({
  dbFile,
  redisUrl: process.env.REDIS_URL || undefined,
  // A demo database (npm run build:demo) to start from when the file is new, and to reset to.
  demoDatabase: process.env.SECTOR_STUDIO_DEMO_DB ? resolve(process.env.SECTOR_STUDIO_DEMO_DB) : undefined,
}).catch((error: unknown) =>
  fail(`cannot open ${dbFile}: ${error instanceof Error ? error.message : String(error)}`),
);
const host = await startBrowserHost({ backend, port: options.port, staticDir }).catch(
  async (error: unknown) => {
    await backend.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      fail(`port ${options.port} is in use: choose another with --port (0 picks a free one)`);
    return fail(
      `cannot listen on port ${options.port}: ${error instanceof Error ? error.message : String(error)}`,
    );
  },
);
const status = await backend.invoke('db:status', {});
const cache = status.ok ? status.value.cache : null;
if (cache?.warning) console.error(`warning: ${cache.warning}`);
console.log(
  `Sector Studio browser host: ${host.url} (database: ${dbFile}; cache: ${cache?.label ?? 'unknown'})`,
);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await host.close();
  // Closing the backend checkpoints and closes the SQLite file, so a later run finds it intact.
  await backend.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
