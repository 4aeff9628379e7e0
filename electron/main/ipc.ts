import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { channels, eventChannel, eventNames, invokeChannel, type Channel } from '../../shared/contract';
import type { ErrorValue, Result } from '../../shared/errors';
import type { Backend } from '../backend/types';

import type { AppPage } from './page';

/**
 * Only the app's own top-level page may talk to the backend. A subframe or a page from anywhere
 * else (however it got into a window) is refused before its payload is even looked at.
 */
export function isTrustedSender(frame: WebFrameMain | null, page: AppPage): boolean {
  return frame !== null && frame.parent === null && page.isAppUrl(frame.url);
}

function refusal(channel: Channel, frame: WebFrameMain | null): Result<never> {
  const error: ErrorValue = {
    code: 'FORBIDDEN',
    message: `Refused ${channel}: the sender (${frame?.url ?? 'a destroyed frame'}) is not the app's own page`,
  };
  return { ok: false, error };
}

/** One handler per contract channel, all delegating to the backend's validating dispatch. */
export function registerIpcHandlers(
  ipc: Pick<IpcMain, 'handle' | 'removeHandler'>,
  backend: Pick<Backend, 'dispatch'>,
  page: AppPage,
): () => void {
  for (const channel of channels) {
    ipc.handle(invokeChannel(channel), (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame, page)) return refusal(channel, event.senderFrame);
      return backend.dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of channels) ipc.removeHandler(invokeChannel(channel));
  };
}

/** Pushes every backend event kind to the window on its own channel while the app page is shown. */
export function forwardEvents(
  backend: Pick<Backend, 'subscribe'>,
  contents: Pick<WebContents, 'send' | 'isDestroyed' | 'getURL'>,
  page: AppPage,
): () => void {
  const unsubscribes = eventNames.map((event) =>
    backend.subscribe(event, (payload) => {
      if (contents.isDestroyed() || !page.isAppUrl(contents.getURL())) return;
      contents.send(eventChannel(event), payload);
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
