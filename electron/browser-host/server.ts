import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventNames, httpRoutes, isChannel } from '../../shared/contract';
import type { ErrorCode, ErrorValue, Result } from '../../shared/errors';
import type { Backend } from '../backend/types';
import { handleConfigExport, handleHistoryExport } from './config-export-route';
import { handleExport } from './export-route';
import { handleImportRejected, handleImportUpload } from './import-routes';
import { handleViewsExport } from './views-export-route';
import { httpStatus } from './http-status';
import { checkOrigin } from './origin';
import { securityHeaders } from './security-headers';
import { serveStatic } from './static-files';

export interface BrowserHostOptions {
  backend: Pick<
    Backend,
    'dispatch' | 'subscribe' | 'exportOrganizations' | 'uploadImportFile' | 'rejectedRows'
  >;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Largest accepted request body; contract payloads are small. */
  maxBodyBytes?: number;
}

export interface BrowserHost {
  url: string;
  close(): Promise<void>;
}

const loopback = '127.0.0.1';
const heartbeatMs = 15_000;

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** A typed error with the status its code stands for. */
function sendErrorValue(res: ServerResponse, error: ErrorValue, status = httpStatus[error.code]): void {
  sendJson(res, status, { ok: false, error });
}

class BodyTooLarge extends Error {}

/** What a client learns of an unexpected failure: one line, no stack, no SQL. The host logs the rest. */
function internalMessage(error: unknown): string {
  console.error('browser host:', error);
  return 'The host failed to answer this request';
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  options: Required<Pick<BrowserHostOptions, 'backend' | 'maxBodyBytes'>>,
): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'INVALID_INPUT', 'Use POST to invoke a channel');
  // A plain HTML form cannot send application/json without a CORS preflight, which we never grant.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendError(res, 415, 'INVALID_INPUT', 'Content-Type must be application/json');
  }
  if (!isChannel(channel)) return sendError(res, 404, 'UNKNOWN_CHANNEL', `Unknown channel: ${channel}`);

  let text: string;
  try {
    text = await readBody(req, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      res.setHeader('Connection', 'close');
      return sendError(res, 413, 'INVALID_INPUT', `Request body exceeds ${options.maxBodyBytes} bytes`);
    }
    throw error;
  }

  let payload: unknown;
  try {
    payload = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return sendError(res, 400, 'INVALID_INPUT', `Malformed JSON body: ${reason}`);
  }
  const result = await options.backend.dispatch(channel, payload);
  sendJson(res, result.ok ? 200 : httpStatus[result.error.code], result);
}

function handleEvents(
  req: IncomingMessage,
  res: ServerResponse,
  backend: BrowserHostOptions['backend'],
  streams: Set<ServerResponse>,
): void {
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  const unsubscribers = eventNames.map((name) =>
    backend.subscribe(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
  );
  // Comments keep idle proxies and the browser from timing the stream out.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  streams.add(res);
  req.on('close', () => {
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribers) unsubscribe();
    streams.delete(res);
  });
}

/**
 * Serves the built renderer and the contract over HTTP on loopback only, so that the real UI can
 * run in a browser (and under Playwright) wherever Electron cannot.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${loopback}`);
    const refusal = checkOrigin(req.headers, port, url.pathname.startsWith('/api/'));
    if (refusal !== null) return sendError(res, 403, 'FORBIDDEN', refusal);

    const downloads: string[] = [
      httpRoutes.export.path,
      httpRoutes.configExport.path,
      httpRoutes.historyExport.path,
      httpRoutes.importUpload.path,
      httpRoutes.importRejected.path,
    ];
    if (url.search !== '' && !downloads.includes(url.pathname) && url.pathname.startsWith('/api/')) {
      return sendError(res, 400, 'INVALID_INPUT', `${url.pathname} takes no query parameters`);
    }
    if (url.pathname.startsWith(httpRoutes.invokePrefix)) {
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(httpRoutes.invokePrefix.length));
      } catch {
        return sendError(res, 400, 'INVALID_INPUT', 'Malformed channel name');
      }
      handleInvoke(req, res, channel, { backend: options.backend, maxBodyBytes }).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', internalMessage(error));
      });
      return;
    }
    if (url.pathname === httpRoutes.events) {
      if (req.method !== 'GET') return sendError(res, 405, 'INVALID_INPUT', 'Use GET for the event stream');
      return handleEvents(req, res, options.backend, streams);
    }
    if (url.pathname === httpRoutes.export.path) {
      handleExport(req, res, url, options.backend, sendErrorValue).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', internalMessage(error));
        else res.destroy();
      });
      return;
    }
    if (url.pathname === httpRoutes.configExport.path) {
      handleConfigExport(req, res, url, options.backend, sendErrorValue).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', internalMessage(error));
      });
      return;
    }
    if (url.pathname === httpRoutes.historyExport.path) {
      handleHistoryExport(req, res, url, options.backend, sendErrorValue).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', internalMessage(error));
      });
      return;
    }
    if (url.pathname === httpRoutes.viewsExport.path) {
      handleViewsExport(req, res, options.backend, sendErrorValue).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', internalMessage(error));
      });
      return;
    }
    if (url.pathname === httpRoutes.importUpload.path) {
      handleImportUpload(req, res, url, options.backend, sendErrorValue).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', internalMessage(error));
      });
      return;
    }
    if (url.pathname === httpRoutes.importRejected.path) {
      return handleImportRejected(req, res, url, options.backend, sendErrorValue);
    }
    if (url.pathname.startsWith('/api/')) return sendError(res, 404, 'NOT_FOUND', `No route ${url.pathname}`);
    serveStatic(req, res, url.pathname, options.staticDir).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', internalMessage(error));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, loopback, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${loopback}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const stream of streams) stream.end();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
