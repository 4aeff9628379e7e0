import { EventEmitter } from 'node:events';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheLogEntry } from '../../shared/domain';
import {
  bridgeGlobalName,
  eventChannel,
  invokeChannel,
  type Bridge,
  type Channel,
  type EventName,
} from '../../shared/contract';

const electron = vi.hoisted(() => {
  const exposed: Array<[string, unknown]> = [];
  return {
    exposed,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let bridge: Bridge;

beforeAll(async () => {
  await import('./index');
  bridge = electron.exposed[0]?.[1] as Bridge;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
  electron.ipcRenderer.on.mockReset();
  electron.ipcRenderer.removeListener.mockReset();
});

describe('preload', () => {
  it('exposes exactly one object, under the bridge name, with only invoke and subscribe', () => {
    expect(electron.exposed).toHaveLength(1);
    expect(electron.exposed[0]?.[0]).toBe(bridgeGlobalName);
    expect(bridgeGlobalName).toBe('sectorStudio');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('refuses a channel outside the contract locally, with a typed error', async () => {
    const result = await bridge.invoke('fs:readFile' as Channel, {} as never);
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel: fs:readFile' },
    });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('refuses inherited property names that are not channels', async () => {
    const result = await bridge.invoke('constructor' as Channel, {} as never);
    expect(result.ok).toBe(false);
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('sends a contract channel to its own IPC channel and returns the main process answer', async () => {
    const answer = { ok: true, value: { focus_group_id: 'pe_healthcare' } };
    electron.ipcRenderer.invoke.mockResolvedValue(answer);
    const result = await bridge.invoke('config:get', { focus_group_id: 'pe_healthcare' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(invokeChannel('config:get'), {
      focus_group_id: 'pe_healthcare',
    });
    expect(result).toBe(answer);
  });

  it('turns a rejected invoke into a typed error instead of a thrown one', async () => {
    electron.ipcRenderer.invoke.mockRejectedValue(new Error('An object could not be cloned.'));
    const result = await bridge.invoke('db:status', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'An object could not be cloned.' },
    });
  });

  it('subscribes to a known event, hands the listener only the payload, and unsubscribes', () => {
    const ipc = new EventEmitter();
    electron.ipcRenderer.on.mockImplementation((name: string, fn: (...args: unknown[]) => void) =>
      ipc.on(name, fn),
    );
    electron.ipcRenderer.removeListener.mockImplementation((name: string, fn: (...args: unknown[]) => void) =>
      ipc.removeListener(name, fn),
    );
    const received: unknown[][] = [];
    const unsubscribe = bridge.subscribe('cache:log', (...args) => received.push(args));
    const entry: CacheLogEntry = {
      seq: 1,
      type: 'HIT',
      key: 'sector:pe_healthcare',
      at: 0,
      duration_ms: 0.2,
      message: 'Cache HIT for key: sector:pe_healthcare',
    };

    ipc.emit(eventChannel('cache:log'), { sender: 'the ipcRenderer' }, entry);
    expect(received).toEqual([[entry]]);

    unsubscribe();
    ipc.emit(eventChannel('cache:log'), { sender: 'the ipcRenderer' }, entry);
    expect(received).toHaveLength(1);
    expect(ipc.listenerCount(eventChannel('cache:log'))).toBe(0);
  });

  it('refuses to subscribe to an event outside the contract', () => {
    expect(() => bridge.subscribe('devtools' as EventName, () => {})).toThrow('Unknown event: devtools');
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
