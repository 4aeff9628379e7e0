import { notifications } from '@mantine/notifications';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { rescueFocus } from '../focus';
import type { Channel, EventMap, EventName, Input, Output } from '../../../shared/contract';
import type { ErrorValue } from '../../../shared/errors';
import type { AppBridge } from './app-bridge';
import { createDesktopBridge } from './desktop-bridge';
import { createHttpBridge } from './http-bridge';

/** The one place that knows the transport: Electron's preload bridge when present, else the browser host. */
export const bridge: AppBridge =
  window.sectorStudio === undefined ? createHttpBridge() : createDesktopBridge(window.sectorStudio);

const errorTitles: Partial<Record<ErrorValue['code'], string>> = {
  NO_SCHEMA: 'The database has no schema yet',
  NOT_SEEDED: 'The database is not seeded yet',
  INVALID_INPUT: 'Invalid input',
  NOT_FOUND: 'Not found',
  CONSTRAINT: 'Rejected by the database',
  BUSY: 'The database is busy',
  UNAVAILABLE: 'A server cannot be reached',
};

export function notifyError(error: ErrorValue): void {
  notifications.show({
    color: 'red',
    title: errorTitles[error.code] ?? `Error (${error.code})`,
    message: error.message,
    autoClose: 8000,
  });
}

/** Another analyst saved the same value first: nothing was saved, and the screen reloads. */
export function notifyConflict(message: string): void {
  notifications.show({ color: 'orange', title: 'Someone else saved first', message, autoClose: 10000 });
}

export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: 'teal', title, message });
}

/** Calls a channel; a failure is shown as a notification with the backend's message and yields null. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C> | null> {
  const result = await bridge.invoke(channel, input);
  if (result.ok) return result.value;
  notifyError(result.error);
  return null;
}

export function useBridgeEvent<E extends EventName>(
  event: E,
  listener: (payload: EventMap[E]) => void,
): void {
  const onEvent = useEffectEvent(listener);
  useEffect(() => bridge.subscribe(event, (payload) => onEvent(payload)), [event]);
}

/**
 * Runs one action at a time and says whether it is running, for button loading states. A loading
 * button is disabled, which drops the keyboard focus to the page: it gets the focus back when done.
 */
export function useAction(): [boolean, <T>(work: () => Promise<T>) => Promise<T>] {
  const [running, setRunning] = useState(false);
  const origin = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (running || origin.current === null) return;
    rescueFocus(origin.current);
    origin.current = null;
  }, [running]);
  async function run<T>(work: () => Promise<T>): Promise<T> {
    origin.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setRunning(true);
    try {
      return await work();
    } finally {
      setRunning(false);
    }
  }
  return [running, run];
}
