import { vi } from 'vitest';

/**
 * The slice of Electron's main-process API the shell uses, recorded for assertions. Tests install
 * it with `vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule)`.
 */
type Listener = (...args: unknown[]) => unknown;

function emitter() {
  const listeners = new Map<string, Listener[]>();
  return {
    listeners,
    on(name: string, fn: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), fn]);
    },
    emit(name: string, ...args: unknown[]) {
      for (const fn of listeners.get(name) ?? []) fn(...args);
    },
  };
}

const appEvents = emitter();
const paths = new Map<string, string>();
const windows: FakeWindow[] = [];

const app = {
  isPackaged: true,
  setPath: vi.fn((name: string, value: string) => void paths.set(name, value)),
  getPath: vi.fn((name: string) => paths.get(name) ?? `/no/such/path/${name}`),
  requestSingleInstanceLock: vi.fn(() => true),
  enableSandbox: vi.fn(),
  setAsDefaultProtocolClient: vi.fn(() => true),
  whenReady: vi.fn(async () => {}),
  quit: vi.fn(),
  exit: vi.fn(),
  on: (name: string, fn: Listener) => appEvents.on(name, fn),
};

export class FakeWindow {
  readonly events = emitter();
  readonly webContents = { send: vi.fn(), isDestroyed: () => false, getURL: () => this.url };
  url = '';
  readonly isMinimized = vi.fn(() => true);
  readonly restore = vi.fn();
  readonly focus = vi.fn();
  readonly show = vi.fn();
  readonly loadURL = vi.fn(async (url: string) => {
    this.url = url;
  });
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    windows.push(this);
  }
  static getFocusedWindow(): FakeWindow | null {
    return null;
  }
  on(name: string, fn: Listener) {
    this.events.on(name, fn);
  }
  once(name: string, fn: Listener) {
    this.events.on(name, fn);
  }
}

const defaultSession = {
  webRequest: { onHeadersReceived: vi.fn() },
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  setDevicePermissionHandler: vi.fn(),
};
const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};
const dialog = {
  showErrorBox: vi.fn(),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({
    canceled: false,
    filePath: '/home/analyst/Documents/out.csv',
  })),
};

export const electron = { app, appEvents, paths, windows, defaultSession, ipcMain, dialog, protocol, Menu };

export const electronModule = {
  app,
  BrowserWindow: FakeWindow,
  session: { defaultSession },
  ipcMain,
  dialog,
  protocol,
  Menu,
};

/** A fresh, unlocked, packaged app whose appData folder is `appData`. */
export function resetFakeElectron(appData: string): void {
  vi.clearAllMocks();
  appEvents.listeners.clear();
  paths.clear();
  paths.set('appData', appData);
  windows.length = 0;
  app.isPackaged = true;
  app.requestSingleInstanceLock.mockReturnValue(true);
}

/** The handler registered for an IPC channel, called as a frame at `url` would call it. */
export function invokeAs(url: string, channel: string, payload: unknown): Promise<unknown> {
  const call = ipcMain.handle.mock.calls.find(([name]) => name === channel);
  if (!call) throw new Error(`no handler for ${channel}`);
  const handler = call[1] as (event: unknown, payload: unknown) => Promise<unknown>;
  return handler({ senderFrame: { url, parent: null } }, payload);
}
