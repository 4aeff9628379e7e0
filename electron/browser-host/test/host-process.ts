import { serve } from '../serve';

/**
 * The browser host's server in a process of its own, for tests about what happens to the process
 * (a crash ends it): `tsx host-process.ts <database> <static folder>`. The real entry point wants a
 * built renderer; the API does not.
 */
const [database, staticDir] = process.argv.slice(2);
if (database === undefined || staticDir === undefined)
  throw new Error('usage: host-process <database> <static folder>');
const serving = await serve({ port: 0, dbFile: database, staticDir });
console.log(`browser host: ${serving.host.url}`);
process.on('SIGTERM', () => void serving.close().then(() => process.exit(0)));
