import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { benchConcurrency } from './concurrency-bench';
import { benchImport } from './import-bench';

/**
 * One phase of the bench alone, in its own process (`tsx --expose-gc bench/phase-memory.ts
 * import|concurrency [ORGS]`): the whole process's resident memory sampled every 100 ms as the bench
 * samples it, and the main thread's V8 heap beside it; for the import, the seeding and export that
 * make its file apart from the import itself.
 */
const phase = process.argv[2] ?? 'import';
const orgs = Number(process.argv[3] ?? 200_000);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
let step = phase === 'import' ? 'seed + export' : phase;
const peaks: Record<string, { rss: number; heap: number }> = {};
const sample = () => {
  const peak = (peaks[step] ??= { rss: 0, heap: 0 });
  peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
  peak.heap = Math.max(peak.heap, getHeapStatistics().used_heap_size);
};
const sampler = setInterval(sample, 100);
const dir = mkdtempSync(join(tmpdir(), 'sector-studio-import-memory-'));
const load = loadavg()[0] ?? 0;
(globalThis as { gc?: () => void }).gc?.();
try {
  if (phase === 'concurrency') await benchConcurrency(dir, orgs, true);
  else
    await benchImport(dir, orgs, (message) => {
      sample();
      if (message.includes('seeded')) {
        step = 'import';
        console.log(`import starts at rss ${mb(process.memoryUsage().rss)} MB`);
      }
      process.stderr.write(`${message}\n`);
    });
  sample();
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
for (const [name, peak] of Object.entries(peaks))
  console.log(`${name}: peak rss ${mb(peak.rss)} MB, main thread heap used ≤ ${mb(peak.heap)} MB`);
console.log(`load ${load.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`);
