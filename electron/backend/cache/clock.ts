/** Time source of a keyspace. Tests inject a fake one; DEBUG SLEEP calls `sleep`. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Blocks (or, for a fake clock, advances) for `ms` milliseconds, as DEBUG SLEEP blocks Redis. */
  sleep(ms: number): void;
  /** Drops any cached time; the command door calls it once per command, as Redis does. */
  refresh?(): void;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

function blockFor(ms: number): void {
  if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
}

/** Exact wall-clock time on every call. */
export const systemClock: Clock = { now: () => Date.now(), sleep: blockFor };

/**
 * Wall-clock time read at most once per millisecond while the event loop turns (the approach of
 * lru-cache's ttlResolution, and of Redis's cached mstime): reading the clock is the most expensive
 * step of a cache hit. Time can lag only while JavaScript runs without yielding; sleeping and
 * `refresh()` drop the cached value, so DEBUG SLEEP and each dispatched command see fresh time.
 */
export class CoarseClock implements Clock {
  private cached = 0;
  private readonly clear = () => {
    this.cached = 0;
  };

  now(): number {
    if (this.cached !== 0) return this.cached;
    this.cached = Date.now();
    setTimeout(this.clear, 1).unref();
    return this.cached;
  }

  sleep(ms: number): void {
    blockFor(ms);
    this.cached = 0;
  }

  refresh(): void {
    this.cached = 0;
  }
}

/** A clock that only moves when told to; sleeping advances it. */
export class ManualClock implements Clock {
  constructor(private current = 1_700_000_000_000) {}
  now(): number {
    return this.current;
  }
  sleep(ms: number): void {
    this.advance(ms);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
