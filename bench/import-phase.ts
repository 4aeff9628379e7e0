import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchImport } from './import-bench';

/**
 * The bench's import phase alone, in its own process (`tsx --expose-gc bench/import-phase.ts
 * [ORGS]`): seeding and importing as many organizations, timed as the bench times them, printed
 * as one JSON line with the load average before and after. Runs of two branches interleaved are
 * how docs/performance.md compares them.
 */
const orgs = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'sector-studio-import-phase-'));
const loadBefore = loadavg()[0] ?? 0;
try {
  const result = await benchImport(dir, orgs, (message) => process.stderr.write(`${message}\n`));
  console.log(
    JSON.stringify({
      ...result,
      ratio: result.seedSeconds / result.importSeconds,
      cpuRatio: result.seedCpuSeconds / result.importCpuSeconds,
      load: [loadBefore, loadavg()[0] ?? 0],
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
