import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { join } from 'node:path';
import { deepLinkFragment, deepLinkScheme } from '../../shared/deep-link';
import { dbFileName, describeDatabase, productName } from '../backend/paths';
import type { Backend, BackendOptions } from '../backend/types';
import { forwardEvents, registerIpcHandlers } from './ipc';
import { applicationMenu } from './menu';
import { resolveAppPage } from './page';
import { appSchemePrivileges, serveRenderer } from './protocol';
import {
  appContentSecurityPolicy,
  denyPermissions,
  guardWebContents,
  installContentSecurityPolicy,
} from './security';
import { createMainWindow } from './window';

export interface ShellOptions {
  createBackend: (options: BackendOptions) => Promise<Backend>;
  /** Absolute path of the bundled (CommonJS) preload script. */
  preloadPath: string;
  /** Absolute path of the built renderer's folder (index.html and its assets). */
  rendererDir: string;
}

/**
 * The Electron lifecycle around one backend: one instance, any number of windows on its database
 * (File › New Window, or launching the app again), a clean close on quit.
 */
export async function startShell(options: ShellOptions): Promise<void> {
  // Named after the product, as paths.ts computes it for the CLI and the browser host, and set
  // before the single-instance lock, which lives in this folder too.
  app.setPath('userData', join(app.getPath('appData'), productName));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  // Only possible before the app is ready.
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

  const page = resolveAppPage({ isPackaged: app.isPackaged, rendererUrl: process.env.ELECTRON_RENDERER_URL });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  let backend: Promise<Backend> | null = null;
  const windows = new Set<BrowserWindow>();
  let lastFocused: BrowserWindow | null = null;
  let stopIpc = () => {};
  let quitState: 'running' | 'closing' | 'closed' = 'running';

  const openWindow = (ready: Backend, fragment: string | null = null) => {
    const opened = createMainWindow(page, options.preloadPath, fragment);
    const stopEvents = forwardEvents(ready, opened.webContents, page);
    windows.add(opened);
    lastFocused = opened;
    opened.on('focus', () => (lastFocused = opened));
    opened.on('closed', () => {
      stopEvents();
      windows.delete(opened);
      if (lastFocused === opened) lastFocused = null;
    });
  };
  const focusedWindow = () => BrowserWindow.getFocusedWindow() ?? lastFocused;
  const newWindow = (fragment: string | null = null) => {
    if (quitState === 'running') void backend?.then((ready) => openWindow(ready, fragment));
  };

  // sector-studio://organizations?… links open a window on that view. Windows and Linux pass the link
  // as an argument (to this instance or, once it runs, to the second-instance event); macOS sends
  // open-url. A packaged app registers itself; a development run would register the bare Electron binary.
  if (app.isPackaged) app.setAsDefaultProtocolClient(deepLinkScheme);
  let launchLink = linkIn(process.argv);
  // Launching the app again opens another window on the same database, sharing this backend.
  app.on('second-instance', (_event: unknown, argv: string[] = []) => newWindow(linkIn(argv)));
  app.on('open-url', (event: { preventDefault: () => void }, url: string) => {
    event.preventDefault();
    const fragment = deepLinkFragment(url);
    // Before the first window the launch's own window opens on it.
    if (backend === null) launchLink = fragment ?? launchLink;
    else if (fragment !== null) newWindow(fragment);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (windows.size === 0) newWindow();
  });
  // Quitting waits for the database to be closed (WAL checkpointed, file released).
  app.on('will-quit', (event) => {
    if (quitState === 'closed' || !backend) return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    stopIpc();
    backend
      .then((ready) => ready.close())
      .catch((error: unknown) => console.error('Closing the database failed:', error))
      .finally(() => {
        quitState = 'closed';
        app.quit();
      });
  });

  await app.whenReady();
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(newWindow)));
  if (!page.devServerOrigin) serveRenderer(protocol, options.rendererDir, appContentSecurityPolicy);
  installContentSecurityPolicy(session.defaultSession, page);
  denyPermissions(session.defaultSession);

  // The order the CLI and the browser host use (paths.ts defaultDatabase): DATABASE_URL selects team
  // mode (PostgreSQL), else SECTOR_STUDIO_DB names a file, else the user's file.
  const dbFile =
    process.env.DATABASE_URL || (process.env.SECTOR_STUDIO_DB ?? join(app.getPath('userData'), dbFileName));
  backend = options.createBackend({
    dbFile,
    redisUrl: process.env.REDIS_URL || undefined,
    author: process.env.SECTOR_STUDIO_AUTHOR || undefined,
    authorSource: 'environment',
    chooseExportPath: (name) => chooseSavePath(focusedWindow(), name, csvExport),
    chooseConfigExportPath: (name) => chooseSavePath(focusedWindow(), name, configExport),
    chooseHistoryExportPath: (name) => chooseSavePath(focusedWindow(), name, historyExport),
    chooseImportPath: () => chooseImportPath(focusedWindow()),
    chooseViewsExportPath: (name) => chooseSavePath(focusedWindow(), name, viewsExport),
    // Built by scripts/build-demo-db.ts at packaging time (electron-builder.yml extraResources).
    demoDatabase:
      app.isPackaged && process.resourcesPath ? join(process.resourcesPath, 'demo', demoFileName) : undefined,
  });
  let ready: Backend;
  try {
    ready = await backend;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(productName, `Could not open the database ${describeDatabase(dbFile)}:\n${message}`);
    app.exit(1);
    return;
  }
  stopIpc = registerIpcHandlers(ipcMain, ready, page);
  openWindow(ready, launchLink);
}

/** The page fragment of the first deep link among a command line's arguments, else null. */
export function linkIn(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const fragment = deepLinkFragment(arg);
    if (fragment !== null) return fragment;
  }
  return null;
}

const demoFileName = 'sector-studio-demo.db';
const csvExport = { title: 'Export organizations', filter: { name: 'CSV', extensions: ['csv'] } };
const configExport = { title: 'Export configuration', filter: { name: 'JSON', extensions: ['json'] } };
const historyExport = { title: 'Export history', filter: { name: 'CSV', extensions: ['csv'] } };

/** The open dialog for an import; the backend reads the file (and refuses the database itself). */
async function chooseImportPath(window: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: 'Import organizations',
    defaultPath: app.getPath('documents'),
    filters: [{ name: 'CSV or Excel', extensions: ['csv', 'xlsx'] }],
    properties: ['openFile' as const],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
const viewsExport = { title: 'Export saved views', filter: { name: 'JSON', extensions: ['json'] } };

/** The save dialog for exports, attached to the window when there is one. */
async function chooseSavePath(
  window: BrowserWindow | null,
  suggestedName: string,
  kind: typeof csvExport,
): Promise<string | null> {
  const options = {
    title: kind.title,
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [kind.filter],
    // The backend replaces an existing file only because this dialog asked first (Linux asks only when told to).
    properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
