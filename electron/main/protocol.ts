import type { Protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { contentTypeOf } from '../backend/content-types';

/**
 * The built renderer is served from app://sector-studio/ rather than file://: a file:// page has
 * an opaque origin and may read any local file it can name; an app:// page is one origin whose
 * only content is the renderer folder (the Electron security checklist, "use a custom protocol").
 */
export const appScheme = 'app';
export const appHost = 'sector-studio';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Must run before the app is ready. `standard` gives the scheme real origins (so 'self' in the
 * CSP means the renderer folder) and relative URLs; `secure` makes it a secure context.
 */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Answers app://sector-studio/<path> with the file at <path> inside `rootDir` and nothing else:
 * another host, a path that decodes to something outside the folder (`..`, encoded separators,
 * NUL), a folder or a missing file is a 404. Every file goes with `policy` as its CSP header.
 */
export function rendererFiles(rootDir: string, policy: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const url = new URL(request.url);
    if (url.protocol !== `${appScheme}:` || url.host.toLowerCase() !== appHost) return notFound();
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return notFound();
    }
    const file = resolve(root, `.${relative}`);
    if (relative.includes('\0') || !file.startsWith(root + sep)) return notFound();
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile()) return notFound();
    const headers = {
      'Content-Type': contentTypeOf(file) ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': policy,
    };
    return new Response(request.method === 'HEAD' ? null : await readFile(file), { headers });
  };
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rootDir: string, policy: string): void {
  protocol.handle(appScheme, rendererFiles(rootDir, policy));
}
