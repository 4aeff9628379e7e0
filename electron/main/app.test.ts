import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, eventChannel, invokeChannel } from '../../shared/contract';
import type { CacheLogEntry } from '../../shared/domain';
import { startShell } from './app';
import { defaultDatabase } from '../backend/paths';
import type { BackendOptions } from '../backend/types';
import { appContentSecurityPolicy } from './security';
import { fakeBackend } from './testing/fake-backend';
import { electron, invokeAs, resetFakeElectron, type FakeWindow } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule);

const options = { preloadPath: '/app/out/preload/index.cjs', rendererDir: '/app/out/renderer' };
const pageUrl = 'app://sector-studio/index.html';

async function start(createBackend = vi.fn(async (_options: BackendOptions) => fakeBackend().backend)) {
  await startShell({ ...options, createBackend });
  return createBackend;
}

function onlyWindow() {
  expect(electron.windows).toHaveLength(1);
  return electron.windows[0] as FakeWindow;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

beforeEach(() => {
  resetFakeElectron('/home/analyst/.config');
  vi.unstubAllEnvs();
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.stubEnv('SECTOR_STUDIO_DB', undefined);
  vi.stubEnv('REDIS_URL', undefined);
  vi.stubEnv('DATABASE_URL', undefined);
});

describe('Electron shell', () => {
  it('opens one window with the hardened webPreferences on the built page', async () => {
    await start();
    const window = onlyWindow();
    expect(window.options.webPreferences).toEqual({
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(pageUrl);
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
  });

  it('serves the built renderer folder over the privileged app:// scheme', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'sector-studio-renderer-'));
    cleanups.push(() => rmSync(rendererDir, { recursive: true, force: true }));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sector Studio</title>');
    await startShell({ ...options, rendererDir, createBackend: async () => fakeBackend().backend });

    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    // Privileges can only be granted before the app is ready; the handler only after.
    expect(electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.whenReady.mock.invocationCallOrder[0] ?? 0,
    );
    expect(electron.protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    const handler = electron.protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
    const response = await handler(new Request(onlyWindow().loadURL.mock.calls[0]![0]));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(appContentSecurityPolicy);
    expect(await response.text()).toBe('<!doctype html><title>Sector Studio</title>');
  });

  it('keeps the database in the user-data folder named after the product', async () => {
    const createBackend = await start();
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', '/home/analyst/.config/Sector Studio');
    // The single-instance lock lives in userData, so the folder must be fixed first.
    expect(electron.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? 0,
    );
    expect(createBackend).toHaveBeenCalledExactlyOnceWith({
      dbFile: '/home/analyst/.config/Sector Studio/sector-studio.db',
      chooseExportPath: expect.any(Function),
      chooseConfigExportPath: expect.any(Function),
      chooseHistoryExportPath: expect.any(Function),
      chooseImportPath: expect.any(Function),
      chooseViewsExportPath: expect.any(Function),
      authorSource: 'environment',
    });
  });

  it('saves changes under SECTOR_STUDIO_AUTHOR when it is set', async () => {
    vi.stubEnv('SECTOR_STUDIO_AUTHOR', 'Dana Whitfield');
    const createBackend = await start();
    expect(createBackend.mock.calls[0]![0]).toMatchObject({
      author: 'Dana Whitfield',
      authorSource: 'environment',
    });
  });

  it('opens the database the CLI and the browser host open: DATABASE_URL before SECTOR_STUDIO_DB', async () => {
    vi.stubEnv('SECTOR_STUDIO_DB', '/data/lab.db');
    vi.stubEnv('DATABASE_URL', 'postgres://db.internal/sector_studio');
    const createBackend = await start();
    expect(createBackend.mock.calls[0]![0].dbFile).toBe('postgres://db.internal/sector_studio');
    expect(createBackend.mock.calls[0]![0].dbFile).toBe(defaultDatabase());
  });

  it('caches in the Redis REDIS_URL names', async () => {
    vi.stubEnv('REDIS_URL', 'redis://team-cache:6379/2');
    const createBackend = await start();
    expect(createBackend.mock.calls[0]![0].redisUrl).toBe('redis://team-cache:6379/2');
  });

  it('asks where to save an export with the save dialog, suggesting a CSV in Documents', async () => {
    const createBackend = await start();
    electron.paths.set('documents', '/home/analyst/Documents');
    const { chooseExportPath } = createBackend.mock.calls[0]![0];
    expect(await chooseExportPath!('organizations.csv')).toBe('/home/analyst/Documents/out.csv');
    const options = electron.dialog.showSaveDialog.mock.calls[0]!.at(-1);
    expect(options).toMatchObject({
      defaultPath: '/home/analyst/Documents/organizations.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await chooseExportPath!('organizations.csv')).toBeNull();
  });

  it('asks where to save a configuration with the save dialog, suggesting a JSON file', async () => {
    const createBackend = await start();
    electron.paths.set('documents', '/home/analyst/Documents');
    const { chooseConfigExportPath } = createBackend.mock.calls[0]![0];
    await chooseConfigExportPath!('sector-studio-all-sectors-2026-05-01.json');
    expect(electron.dialog.showSaveDialog.mock.calls[0]!.at(-1)).toMatchObject({
      title: 'Export configuration',
      defaultPath: '/home/analyst/Documents/sector-studio-all-sectors-2026-05-01.json',
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
  });

  it('asks where to save a history with the save dialog, suggesting a CSV file', async () => {
    const createBackend = await start();
    electron.paths.set('documents', '/home/analyst/Documents');
    const { chooseHistoryExportPath } = createBackend.mock.calls[0]![0];
    await chooseHistoryExportPath!('pe_technology-history-2026-12-05.csv');
    expect(electron.dialog.showSaveDialog.mock.calls[0]!.at(-1)).toMatchObject({
      title: 'Export history',
      defaultPath: '/home/analyst/Documents/pe_technology-history-2026-12-05.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
  });

  it('opens the demo database that ships in the resources folder', async () => {
    vi.stubGlobal(
      'process',
      Object.assign(Object.create(process) as NodeJS.Process, {
        resourcesPath: '/opt/Sector Studio/resources',
      }),
    );
    try {
      const createBackend = await start();
      expect(createBackend.mock.calls[0]![0].demoDatabase).toBe(
        '/opt/Sector Studio/resources/demo/sector-studio-demo.db',
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('registers every contract channel with ipcMain.handle', async () => {
    await start();
    const registered = electron.ipcMain.handle.mock.calls.map(([name]) => name as string);
    expect(registered.sort()).toEqual(channels.map(invokeChannel).sort());
  });

  it('answers the app page and refuses a foreign frame without touching the backend', async () => {
    const fake = fakeBackend();
    await start(vi.fn(async () => fake.backend));
    const handler = (url: string) => invokeAs(url, invokeChannel('schema:init'), {});
    const refused = await handler('https://evil.example/');
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fake.dispatch).not.toHaveBeenCalled();

    expect(await handler(pageUrl)).toEqual({ ok: true, value: 'answer to schema:init' });
    expect(fake.dispatch).toHaveBeenCalledExactlyOnceWith('schema:init', {});
  });

  it('forwards backend events to the window', async () => {
    const fake = fakeBackend();
    await start(vi.fn(async () => fake.backend));
    const entry: CacheLogEntry = {
      seq: 1,
      type: 'FLUSHALL',
      key: null,
      at: 0,
      duration_ms: 0,
      message: 'Cache FLUSHALL',
    };
    fake.bus.emit('cache:log', entry);
    expect(onlyWindow().webContents.send).toHaveBeenCalledExactlyOnceWith(eventChannel('cache:log'), entry);
  });

  it('hardens the session and every web contents the app creates', async () => {
    await start();
    expect(electron.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(electron.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(electron.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();

    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    electron.appEvents.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.on.mock.calls.map(([name]) => name)).toEqual(['will-navigate', 'will-attach-webview']);
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://evil.example/');
    await start();
    expect(onlyWindow().loadURL).toHaveBeenCalledExactlyOnceWith(pageUrl);
  });

  it('loads the dev server when electron-vite dev runs the unpackaged app', async () => {
    electron.app.isPackaged = false;
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    await start();
    expect(onlyWindow().loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173');
    expect(electron.protocol.handle).not.toHaveBeenCalled();
  });

  it('quits at once when another instance holds the lock', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    const createBackend = await start();
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(createBackend).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it('opens another window on the same backend when the app is launched again, or from File › New Window', async () => {
    const fake = fakeBackend();
    const createBackend = await start(vi.fn(async () => fake.backend));
    electron.appEvents.emit('second-instance');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(2));
    const template = electron.Menu.buildFromTemplate.mock.calls[0]![0] as {
      label?: string;
      submenu?: { label?: string; accelerator?: string; click?: () => void }[];
    }[];
    const item = template.find((m) => m.label === 'File')?.submenu?.find((i) => i.label === 'New Window');
    expect(item?.accelerator).toBe('CmdOrCtrl+N');
    item?.click?.();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(3));
    expect(createBackend).toHaveBeenCalledOnce();
    // Every window gets the backend's events.
    const entry = {
      seq: 1,
      type: 'HIT',
      key: 'sector:pe_x',
      at: 1,
      duration_ms: 0,
      message: 'm',
    } as CacheLogEntry;
    fake.bus.emit('cache:log', entry);
    for (const window of electron.windows) {
      expect(window.webContents.send).toHaveBeenCalledWith(eventChannel('cache:log'), entry);
    }
  });

  it('opens a deep link on its view: at launch, from a second launch, and from macOS open-url', async () => {
    const argv = process.argv;
    process.argv = [...argv, 'sector-studio://organizations?sector=pe_energy&sort=legal_name&dir=asc'];
    try {
      await start();
    } finally {
      process.argv = argv;
    }
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledExactlyOnceWith('sector-studio');
    expect(onlyWindow().loadURL).toHaveBeenCalledExactlyOnceWith(
      `${pageUrl}#organizations?sector=pe_energy&sort=legal_name&dir=asc`,
    );

    electron.appEvents.emit('second-instance', {}, [
      '/opt/sector-studio',
      '--no-sandbox',
      'sector-studio://cache/',
    ]);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(2));
    expect(electron.windows[1]!.loadURL).toHaveBeenCalledExactlyOnceWith(`${pageUrl}#cache`);

    const preventDefault = vi.fn();
    electron.appEvents.emit('open-url', { preventDefault }, 'sector-studio://organizations?status=active');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(3));
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(electron.windows[2]!.loadURL).toHaveBeenCalledExactlyOnceWith(
      `${pageUrl}#organizations?status=active`,
    );

    // Anything else on a command line opens the plain page.
    electron.appEvents.emit('second-instance', {}, [
      '/opt/sector-studio',
      'https://example.com/#organizations',
    ]);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(4));
    expect(electron.windows[3]!.loadURL).toHaveBeenCalledExactlyOnceWith(pageUrl);
  });

  it('waits for the backend to close before letting the app quit', async () => {
    const fake = fakeBackend();
    let finishClose = () => {};
    fake.close.mockImplementation(() => new Promise<void>((resolve) => (finishClose = resolve)));
    await start(vi.fn(async () => fake.backend));

    const firstQuit = { preventDefault: vi.fn() };
    electron.appEvents.emit('will-quit', firstQuit);
    await flush();
    expect(firstQuit.preventDefault).toHaveBeenCalledOnce();
    expect(fake.close).toHaveBeenCalledOnce();
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledTimes(channels.length);

    finishClose();
    await flush();
    expect(electron.app.quit).toHaveBeenCalledOnce();

    const secondQuit = { preventDefault: vi.fn() };
    electron.appEvents.emit('will-quit', secondQuit);
    expect(secondQuit.preventDefault).not.toHaveBeenCalled();
    expect(fake.close).toHaveBeenCalledOnce();
  });

  it('reports a database that cannot be opened and exits', async () => {
    await start(
      vi.fn(async () => Promise.reject(new Error('SQLITE_CANTOPEN: unable to open database file'))),
    );
    expect(electron.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith(
      'Sector Studio',
      expect.stringContaining('SQLITE_CANTOPEN'),
    );
    expect(electron.app.exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(electron.windows).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });
});
