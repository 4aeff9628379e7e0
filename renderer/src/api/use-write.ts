import { useRef, useState } from 'react';
import type { Input, Output } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { savedAuthor } from '../state/author';
import { bridge, useBridgeEvent } from './bridge';

/** The channels that change a configuration: each takes an author and a write id. */
export type WriteChannel =
  | 'config:updateWeights'
  | 'config:updateCalibration'
  | 'config:addCalibration'
  | 'config:revert'
  | 'config:revertChangeSet'
  | 'config:import';

/** A write through a form's useWrite: its author and busy wait taken care of. */
export type WriteRun = <C extends WriteChannel>(channel: C, input: Input<C>) => Promise<Result<Output<C>>>;

export interface WriteState {
  /** Seconds a running write has waited for another process's lock; null while it is not waiting. */
  busySeconds: number | null;
  /** The last write was cancelled by the analyst while it waited: nothing was saved. */
  cancelled: boolean;
  /** Why the last write gave up waiting for the lock (BUSY): nothing was saved. */
  gaveUp: string | null;
  cancel(): void;
}

const newWriteId = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * A form's writes: each carries the analyst's name (when set) and an id, under which the backend
 * reports a wait for another process's lock; `cancel` abandons the wait and the form keeps what was
 * typed. A cancelled write answers CANCELLED, which the form shows in place rather than as a toast.
 */
export function useWrite(): WriteState & { run: WriteRun } {
  const running = useRef<string | null>(null);
  const [busySeconds, setBusySeconds] = useState<number | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [gaveUp, setGaveUp] = useState<string | null>(null);
  useBridgeEvent('write:busy', (event) => {
    if (event.write_id === running.current) setBusySeconds(Math.floor(event.waited_ms / 1000));
  });

  async function run<C extends WriteChannel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    const writeId = newWriteId();
    running.current = writeId;
    setCancelled(false);
    setGaveUp(null);
    setBusySeconds(null);
    const author = savedAuthor() ?? undefined;
    try {
      const result = await bridge.invoke(channel, { ...input, author, write_id: writeId });
      // The cancel came too late: the write had its lock and went through.
      if (result.ok || result.error.code !== 'CANCELLED') setCancelled(false);
      if (!result.ok && result.error.code === 'BUSY') setGaveUp(result.error.message);
      return result;
    } finally {
      if (running.current === writeId) running.current = null;
      setBusySeconds(null);
    }
  }

  function cancel(): void {
    const writeId = running.current;
    if (writeId === null) return;
    setCancelled(true);
    void bridge.invoke('config:cancelWrite', { write_id: writeId });
  }

  return { run, busySeconds, cancelled, gaveUp, cancel };
}
