import { BrowserWindow } from 'electron';
import { productName } from '../backend/paths';
import type { AppPage } from './page';

/**
 * The options are written inline in `new BrowserWindow(...)` rather than built elsewhere, so that
 * Electronegativity (which reads this call's literal) checks the exact webPreferences that ship.
 */
export function createMainWindow(
  page: AppPage,
  preloadPath: string,
  fragment: string | null = null,
): BrowserWindow {
  const window = new BrowserWindow({
    title: productName,
    width: 1360,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
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
      // A middle click on a link would otherwise ask for a new window (denied anyway, see security.ts).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // Shown once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  // A deep link's fragment (shared/deep-link.ts) names the section and the view the window opens on.
  const url = fragment === null ? page.url : `${page.url}#${fragment}`;
  window.loadURL(url).catch((error: unknown) => console.error(`Loading ${url} failed:`, error));
  return window;
}
