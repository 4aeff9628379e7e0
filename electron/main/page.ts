import { pathToFileURL } from 'node:url';

/** Where the app's own page lives, and the test every URL and IPC sender is held to. */
export interface AppPage {
  /** What the window loads. */
  readonly url: string;
  /** The dev server's origin when running under `electron-vite dev`; null for the built page. */
  readonly devServerOrigin: string | null;
  isAppUrl(url: string): boolean;
}

/**
 * The built renderer is one file: only that file (any query or hash) counts as the app. A file://
 * origin is opaque ("null"), so comparing origins would admit every local file.
 */
export function builtPage(indexHtml: string): AppPage {
  const expected = pathToFileURL(indexHtml).href;
  return {
    url: expected,
    devServerOrigin: null,
    isAppUrl: (url) => withoutQueryAndHash(url) === expected,
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
export function resolveAppPage(options: {
  isPackaged: boolean;
  rendererUrl: string | undefined;
  indexHtml: string;
}): AppPage {
  if (!options.isPackaged && options.rendererUrl) return devServerPage(options.rendererUrl);
  return builtPage(options.indexHtml);
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function withoutQueryAndHash(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}
