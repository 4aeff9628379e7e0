/** Small statistics for benchmark samples. Percentiles use the nearest-rank method. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Keeps benchmark results observable so that the JIT cannot drop the work that produced them. */
export const sink = { value: 0 };

/**
 * Operations per second of two loops measured in alternating rounds, after warm-up rounds. Each
 * round times `ops` calls; the result is the median round of each side, so a burst of load from
 * other processes on the machine lands in a single round of one side instead of skewing an average.
 */
export function alternatingOpsPerSecond(
  app: (ops: number) => void,
  anchor: (ops: number) => void,
  options: { ops: number; rounds: number; warmupRounds: number },
): { app: number; anchor: number } {
  const appRates: number[] = [];
  const anchorRates: number[] = [];
  const time = (loop: (ops: number) => void) => {
    const started = performance.now();
    loop(options.ops);
    return (options.ops / (performance.now() - started)) * 1000;
  };
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    // Swapping who goes first each round cancels any advantage of running second (warm caches).
    const first = round % 2 === 0;
    const a = first ? time(app) : 0;
    const b = time(anchor);
    const c = first ? a : time(app);
    if (round < options.warmupRounds) continue;
    appRates.push(c);
    anchorRates.push(b);
  }
  return { app: median(appRates), anchor: median(anchorRates) };
}

/** Latency in ms of each of `count` sequential awaited calls. */
export async function latencies(count: number, call: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}
