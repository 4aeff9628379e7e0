import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresAvailability, startPostgres } from '../test-support/pg-server';
import { benchEngine, formatEngines, type EngineResults } from './engines-bench';

/**
 * `npm run bench -- --engine postgres`: the same figures on a throwaway PostgreSQL server (Debian's
 * package, started for the run) and on an SQLite file, measured in the same run, side by side.
 * Written to bench/engines.json.
 */
export async function compareEngines(orgs: number, quick: boolean): Promise<void> {
  const availability = postgresAvailability();
  if (!availability.available) throw new Error(availability.reason);
  const dir = mkdtempSync(join(tmpdir(), 'sector-studio-engines-'));
  const server = await startPostgres(availability.bin);
  const results: Record<string, EngineResults> = {};
  try {
    process.stderr.write(`SQLite, ${orgs.toLocaleString('en-US')} organizations...\n`);
    results.sqlite = await benchEngine(join(dir, 'bench.db'), orgs, quick);
    process.stderr.write('PostgreSQL...\n');
    results.postgres = await benchEngine(await server.createDatabase('bench'), orgs, quick);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const out = fileURLToPath(new URL('./engines.json', import.meta.url));
  const cpu = cpus()[0]?.model ?? 'unknown';
  writeFileSync(
    out,
    `${JSON.stringify({ orgs, quick, date: new Date().toISOString(), cpu, cores: cpus().length, results }, null, 2)}\n`,
  );
  console.log(`\n${orgs.toLocaleString('en-US')} organizations; ${cpu}, ${cpus().length} cores\n`);
  console.log(formatEngines(results));
  console.log(`\nWritten to ${out}`);
}
