import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { channels, eventChannel, eventNames, invokeChannel } from '../../shared/contract';
import type { CacheLogEntry, ProgressEvent } from '../../shared/domain';

import { forwardEvents, registerIpcHandlers } from './ipc';
import { builtPage, devServerPage, type AppPage } from './page';
import { fakeBackend } from './testing/fake-backend';

const page = builtPage();
type Handler = (event: IpcMainInvokeEvent, payload: unknown) => unknown;

function register(appPage: AppPage = page) {
  const handlers = new Map<string, Handler>();
  const ipc = {
    handle: vi.fn((name: string, handler: Handler) => {
      if (handlers.has(name)) throw new Error(`second handler for ${name}`);
      handlers.set(name, handler);
    }),
    removeHandler: vi.fn((name: string) => handlers.delete(name)),
  };
  const fake = fakeBackend();
  const dispose = registerIpcHandlers(ipc, fake.backend, appPage);
  return { handlers, ipc, dispose, ...fake };
}

function frame(url: string, parent: object | null = null): WebFrameMain {
  return { url, parent } as unknown as WebFrameMain;
}

function sentFrom(senderFrame: WebFrameMain | null): IpcMainInvokeEvent {
  return { senderFrame } as unknown as IpcMainInvokeEvent;
}

describe('IPC handlers', () => {
  it('registers exactly one handler per contract channel', () => {
    const { handlers } = register();
    expect([...handlers.keys()].sort()).toEqual(channels.map(invokeChannel).sort());
    expect(handlers.size).toBe(channels.length);
  });

  it('delegates a message from the app page to the backend dispatch', async () => {
    const { handlers, dispatch } = register();
    const handler = handlers.get(invokeChannel('config:get'));
    const payload = { focus_group_id: 'pe_healthcare' };
    const answer = await handler?.(sentFrom(frame(`${page.url}#/config`)), payload);
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('config:get', payload);
    expect(answer).toEqual({ ok: true, value: 'answer to config:get' });
  });

  it.each([
    ['a remote page', frame('https://evil.example/index.html')],
    ['a local file', frame('file:///home/analyst/Downloads/evil.html')],
    ['the renderer opened as a file', frame('file:///app/out/renderer/index.html')],
    ['another app:// host', frame('app://elsewhere/index.html')],
    ['a subframe of the app page', frame(page.url, frame(page.url))],
    ['a destroyed frame', null],
  ])('refuses a message from %s with a typed error and never reaches the backend', async (_name, sender) => {
    const { handlers, dispatch } = register();
    for (const channel of channels) {
      const answer = (await handlers.get(invokeChannel(channel))?.(sentFrom(sender), {})) as {
        ok: boolean;
        error: { code: string; message: string };
      };
      expect(answer.ok).toBe(false);
      expect(answer.error.code).toBe('FORBIDDEN');
      expect(answer.error.message).toContain(`Refused ${channel}`);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts the dev server origin in development and refuses other origins', async () => {
    const { handlers, dispatch } = register(devServerPage('http://localhost:5173'));
    const handler = handlers.get(invokeChannel('db:status'));
    await handler?.(sentFrom(frame('http://localhost:5173/#/schema')), {});
    await handler?.(sentFrom(frame('http://127.0.0.1:5173/')), {});
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('removes every handler when disposed', () => {
    const { handlers, dispose } = register();
    dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('event forwarding', () => {
  function window(url: string) {
    return { send: vi.fn(), isDestroyed: vi.fn(() => false), getURL: vi.fn(() => url) };
  }
  const log: CacheLogEntry = {
    seq: 1,
    type: 'MISS',
    key: 'sector:pe_healthcare',
    at: 0,
    duration_ms: 0.1,
    message: 'Cache MISS for key: sector:pe_healthcare',
  };
  const progress: ProgressEvent = { task: 'orgs:insertSample', done: 5, total: 10, finished: false };

  it('sends each event kind on its own channel', () => {
    const { backend, bus } = fakeBackend();
    const contents = window(page.url);
    forwardEvents(backend, contents, page);
    bus.emit('cache:log', log);
    bus.emit('progress', progress);
    expect(contents.send.mock.calls).toEqual([
      [eventChannel('cache:log'), log],
      [eventChannel('progress'), progress],
    ]);
  });

  it('subscribes to every event kind and unsubscribes from all of them', () => {
    const { backend, bus } = fakeBackend();
    const stop = forwardEvents(backend, window(page.url), page);
    for (const event of eventNames) expect(bus.hasListeners(event)).toBe(true);
    stop();
    for (const event of eventNames) expect(bus.hasListeners(event)).toBe(false);
  });

  it('sends nothing to a destroyed window or to a page that is not the app', () => {
    const { backend, bus } = fakeBackend();
    const destroyed = window(page.url);
    destroyed.isDestroyed.mockReturnValue(true);
    const foreign = window('https://evil.example/');
    forwardEvents(backend, destroyed, page);
    forwardEvents(backend, foreign, page);
    bus.emit('cache:log', log);
    expect(destroyed.send).not.toHaveBeenCalled();
    expect(foreign.send).not.toHaveBeenCalled();
  });
});
