import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostOptions, serve } from './serve';
import { AppError } from '../../shared/errors';
import { describeDatabase } from '../backend/paths';

/** One line on stderr and exit 1: a person reads this, not a stack trace. */
function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

const staticDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
let options: ReturnType<typeof hostOptions>;
try {
  options = hostOptions(process.argv, process.env, staticDir);
} catch (error) {
  const code = (error as { code?: string }).code ?? '';
  // Commander has printed its own usage errors; ours (such as a password in --db) are printed here.
  if (error instanceof AppError) console.error(`error: ${error.message}`);
  process.exit(code === 'commander.helpDisplayed' ? 0 : 2);
}
if (!existsSync(join(staticDir, 'index.html'))) {
  fail(`the renderer is not built (${staticDir}): run npm run start:browser, which builds it`);
}

const serving = await serve(options).catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error)),
);
if (serving.cache.warning) console.error(`warning: ${serving.cache.warning}`);
console.log(
  `Sector Studio browser host: ${serving.host.url} (database: ${describeDatabase(options.dbFile)}; cache: ${serving.cache.label})`,
);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await serving.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
