import type { WriteBusyEvent } from '../../shared/domain';
import type { LockWait } from '../../db/port';

/**
 * The configuration writes in flight that a window named (`write_id`): their lock waits are
 * pushed as `write:busy` events, and `config:cancelWrite` abandons one while it still waits.
 */
export class WriteWaits {
  private readonly inFlight = new Map<string, AbortController>();

  constructor(private readonly emit: (event: WriteBusyEvent) => void) {}

  async run<T>(writeId: string | undefined, work: (wait: LockWait) => Promise<T>): Promise<T> {
    if (writeId === undefined) return work({});
    const controller = new AbortController();
    this.inFlight.set(writeId, controller);
    try {
      return await work({
        signal: controller.signal,
        onWait: (waited_ms) => this.emit({ write_id: writeId, waited_ms }),
      });
    } finally {
      if (this.inFlight.get(writeId) === controller) this.inFlight.delete(writeId);
    }
  }

  /** False when no write of that id is in flight; a write past its wait finishes regardless. */
  cancel(writeId: string): boolean {
    const controller = this.inFlight.get(writeId);
    controller?.abort();
    return controller !== undefined;
  }
}
