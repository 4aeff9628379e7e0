import { AppError } from '../../shared/errors';
import type { LockWait } from '../port';

/** How often a waiting write tries the lock again; between tries it can hear a cancel. */
export const LOCK_RETRY_MS = 100;
/** How often a waiting write says how long it has waited. */
const REPORT_EVERY_MS = 1000;

export const cancelledWhileBusy = () =>
  new AppError('CANCELLED', 'Save cancelled while the database was busy: nothing was saved');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Tries `attempt` until it gets the lock: `busy` tells a lock another process holds from other
 * failures. Between tries it reports the time waited (at once, then about every second), gives up
 * with CANCELLED when the signal aborts, and rethrows the engine's busy error after `limitMs`.
 */
export async function retryWhileBusy<T>(
  attempt: () => Promise<T>,
  busy: (error: unknown) => boolean,
  limitMs: number,
  wait: LockWait,
): Promise<T> {
  const started = performance.now();
  let reported = -Infinity;
  for (;;) {
    if (wait.signal?.aborted) throw cancelledWhileBusy();
    try {
      return await attempt();
    } catch (error) {
      if (!busy(error)) throw error;
      const waited = performance.now() - started;
      if (waited >= limitMs) throw error;
      if (wait.signal?.aborted) throw cancelledWhileBusy();
      if (waited - reported >= REPORT_EVERY_MS) {
        reported = waited;
        wait.onWait?.(Math.round(waited));
      }
    }
    await sleep(LOCK_RETRY_MS);
  }
}
