import type { Session, WebContents } from 'electron';
import type { AppPage } from './page';

/**
 * The built page's policy. The app:// protocol sends it with every file itself (webRequest's header
 * hooks are not run for custom protocols, electron/electron#6021), and renderer/index.html carries
 * a compatible <meta> copy, which is what Electronegativity judges. Nothing to fetch or connect to:
 * IPC needs no connect-src.
 */
export const appContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Every http(s) response in the session carries a policy too: the dev server's pages in
 * development, and anything else should something ever be fetched.
 */
export function installContentSecurityPolicy(session: Session, page: AppPage): void {
  const policy = page.devServerOrigin ? devServerPolicy(page.devServerOrigin) : appContentSecurityPolicy;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withPolicy(details.responseHeaders, policy) });
  });
}

/**
 * `electron-vite dev` only: React Refresh injects an inline preamble script and Vite's hot reload
 * talks over a WebSocket to the dev server. Never used by a packaged app (see resolveAppPage).
 */
function devServerPolicy(origin: string): string {
  const socket = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${socket}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

function withPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  return { ...headers, 'Content-Security-Policy': [policy] };
}

/** The app asks for no camera, microphone, notifications, USB or anything else: refuse them all. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Applied to every WebContents the app creates. The app is one page that never navigates and
 * never opens windows or webviews, so any attempt is a bug or an attack and is refused.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
