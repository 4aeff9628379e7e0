import { appHost, appOrigin, appScheme } from './protocol';

/** Where the app's own page lives, and the test every URL and IPC sender is held to. */
export interface AppPage {
  /** What the window loads. */
  readonly url: string;
  /** The dev server's origin when running under `electron-vite dev`; null for the built page. */
  readonly devServerOrigin: string | null;
  isAppUrl(url: string): boolean;
}

/**
 * The built renderer, served by the app:// protocol (protocol.ts) from its own folder and nothing
 * else: every URL of that one origin is the app. (The WHATWG parser gives app:// URLs an opaque
 * origin, so scheme and host are compared instead.)
 */
export function builtPage(): AppPage {
  return {
    url: `${appOrigin}/index.html`,
    devServerOrigin: null,
    isAppUrl: (url) => {
      const parsed = parse(url);
      return (
        parsed !== null &&
        parsed.protocol === `${appScheme}:` &&
        parsed.host.toLowerCase() === appHost &&
        parsed.username === '' &&
        parsed.password === ''
      );
    },
  };
}

export function devServerPage(rendererUrl: string): AppPage {
  const origin = new URL(rendererUrl).origin;
  return {
    url: rendererUrl,
    devServerOrigin: origin,
    isAppUrl: (url) => parse(url)?.origin === origin,
  };
}

/**
 * ELECTRON_RENDERER_URL is set by `electron-vite dev`. A packaged app ignores it, so that an
 * environment variable can never point the privileged window at someone else's page.
 */
export function resolveAppPage(options: { isPackaged: boolean; rendererUrl: string | undefined }): AppPage {
  if (!options.isPackaged && options.rendererUrl) return devServerPage(options.rendererUrl);
  return builtPage();
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
