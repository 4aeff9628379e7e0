/** A failed refresh is tried again after this (a lock held elsewhere, a server away). */
const RETRY_MS = 1_000;
/**
 * After a refresh, the next one waits this many times as long as it took: changes that keep coming
 * (a long insert commits every fraction of a second) get the scores recomputed now and then, not
 * the writer's whole time, while a single change (a weight saved) is recomputed at once.
 */
const REST_FACTOR = 2;

export interface RefreshSchedule {
  /** Runs the refresh soon: at once when idle and rested, once more after the one running. */
  request(): void;
  /** Stops retrying and resolves when no refresh runs. */
  stop(): Promise<void>;
}

/**
 * Runs a refresh when asked, one at a time: requests during a run are folded into one more run after
 * it, so that a burst of changes costs at most two. A run that fails is tried once more a moment later
 * (its error goes to `failed`: nothing waits on a background refresh).
 */
export function refreshSchedule(
  run: () => Promise<unknown>,
  failed: (error: unknown) => void,
): RefreshSchedule {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let waiting: NodeJS.Timeout | undefined;
  let restUntil = 0;
  let failures = 0;

  const later = (ms: number, then: () => void) => {
    waiting = setTimeout(() => {
      waiting = undefined;
      then();
    }, ms);
    waiting.unref();
  };

  const start = () => {
    const began = Date.now();
    running = (async () => {
      try {
        await run();
        failures = 0;
      } catch (error) {
        failed(error);
        if (failures++ === 0 && !stopped && waiting === undefined) later(RETRY_MS, request);
      }
    })().finally(() => {
      running = null;
      restUntil = Date.now() + REST_FACTOR * (Date.now() - began);
      if (again) {
        again = false;
        request();
      }
    });
  };

  function request(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (waiting !== undefined) return;
    const rest = restUntil - Date.now();
    if (rest > 0) later(rest, start);
    else start();
  }

  return {
    request,
    async stop() {
      stopped = true;
      clearTimeout(waiting);
      await running;
    },
  };
}
