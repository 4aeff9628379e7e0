import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { benchImport } from './import-bench';

/**
 * The bench's import phase alone, in its own process (`tsx --expose-gc bench/import-memory.ts
 * [ORGS]`): the whole process's resident memory sampled every 100 ms as the bench samples it, and
 * the main thread's V8 heap beside it, for the seeding and export that make the file and for the
 * import itself.
 */
const orgs = Number(process.argv[2] ?? 200_000);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
let step = 'seed + export';
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
  await benchImport(dir, orgs, (message) => {
    sample();
    if (message.includes('seeded')) step = 'import';
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
