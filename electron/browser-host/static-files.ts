import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { securityHeaders } from './security-headers';
import { contentTypeOf } from '../backend/content-types';

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Serves files of the built renderer; nothing outside staticDir is reachable. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  staticDir: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed');
  let relative: string;
  try {
    relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return plain(res, 400, 'Bad path');
  }
  const root = resolve(staticDir);
  const file = resolve(join(root, relative));
  if (!file.startsWith(root + sep) || relative.includes('\0')) return plain(res, 404, 'Not found');

  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) {
    const hint = relative === '/index.html' ? ' (the renderer is not built: run npm run start:browser)' : '';
    return plain(res, 404, `Not found${hint}`);
  }
  const type = contentTypeOf(file) ?? 'application/octet-stream';
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': type,
    'Content-Length': info.size,
    // Vite fingerprints everything under assets/; index.html must always be revalidated.
    'Cache-Control': relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
