/** A failed refresh is tried again after this (a lock held elsewhere, a server away). */
const RETRY_MS = 1_000;

export interface RefreshSchedule {
  /** Runs the refresh soon: at once when idle, once more after the one running. */
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
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;

  const start = () => {
    running = (async () => {
      try {
        await run();
        failures = 0;
      } catch (error) {
        failed(error);
        if (failures++ === 0 && !stopped) {
          retry = setTimeout(request, RETRY_MS);
          retry.unref();
        }
      }
    })().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        start();
      }
    });
  };

  function request(): void {
    if (stopped) return;
    if (running) again = true;
    else start();
  }

  return {
    request,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await running;
    },
  };
}
