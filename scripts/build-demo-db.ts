import { Command, InvalidArgumentError } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildDemoDatabase, DEMO_ORGANIZATIONS, DEMO_SEED } from '../db/sqlite/demo';

/**
 * Builds the demo database the packaged app opens on first run and restores on "Reset demo".
 * `npm run dist` runs it first (the predist script); electron-builder.yml ships the file as an
 * extra resource. Built, not committed: the binary always matches the migrations it ships with.
 */

function count(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 1_000_000)
    throw new InvalidArgumentError('an integer from 1 to 1000000');
  return n;
}

const options = new Command('build:demo')
  .description('Build the demo database shipped with the desktop app')
  .option('--out <file>', 'where to write it', 'build/demo/sector-studio-demo.db')
  .option('--organizations <n>', 'sample organizations', count, DEMO_ORGANIZATIONS)
  .option('--seed <n>', 'faker seed', count, DEMO_SEED)
  .parse()
  .opts<{ out: string; organizations: number; seed: number }>();

const out = resolve(options.out);
mkdirSync(dirname(out), { recursive: true });
const started = performance.now();
try {
  const result = await buildDemoDatabase(out, { organizations: options.organizations, seed: options.seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Demo database: ${out} (seeded configuration, ${result.organizations} organizations, ${seconds} s)`,
  );
} catch (error) {
  console.error(
    `error: cannot build the demo database: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
