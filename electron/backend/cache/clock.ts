/** Time source of a keyspace. Tests inject a fake one; DEBUG SLEEP calls `sleep`. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Blocks (or, for a fake clock, advances) for `ms` milliseconds, as DEBUG SLEEP blocks Redis. */
  sleep(ms: number): void;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => {
    if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
  },
};

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
