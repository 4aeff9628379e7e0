import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  eventChannel,
  invokeChannel,
  isChannel,
  isEventName,
  type Bridge,
  type Channel,
  type EventMap,
  type EventName,
  type Input,
  type Output,
} from '../../shared/contract';
import type { Result } from '../../shared/errors';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** The typed object the renderer sees; built over ipcRenderer without exposing it. */
export function createBridge(ipc: BridgeIpc): Bridge {
  return {
    async invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
      // The renderer is untrusted JavaScript: a name outside the contract never reaches IPC.
      if (!isChannel(channel)) {
        return {
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel)}` },
        };
      }
      try {
        return (await ipc.invoke(invokeChannel(channel), input)) as Result<Output<C>>;
      } catch (error) {
        // A rejected invoke (no handler, structured-clone failure) still answers as a typed value.
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'INTERNAL', message } };
      }
    },

    subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
      // The IPC event object is withheld: its `sender` would hand the page ipcRenderer itself.
      const forward = (_event: IpcRendererEvent, payload: EventMap[E]) => listener(payload);
      const name = eventChannel(event);
      ipc.on(name, forward);
      return () => {
        ipc.removeListener(name, forward);
      };
    },
  };
}
