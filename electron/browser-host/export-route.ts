import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { httpRoutes } from '../../shared/contract';
import { AppError, type ErrorValue } from '../../shared/errors';
import { exportFileName, type OrgExport } from '../../shared/org-query';
import type { Backend } from '../backend/types';
import { securityHeaders } from './security-headers';

const contentTypes: Record<OrgExport['format'], string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

function errorValue(error: unknown): ErrorValue {
  return error instanceof AppError ? error.toValue() : { code: 'INTERNAL', message: 'The export failed' };
}

/**
 * Streams the view as a CSV or JSON download. Headers wait for the first byte, so an error the backend
 * finds before writing (no schema, an unknown sector, another export running) is still a typed JSON
 * error with its status. A download that stops early must not look complete to the browser: when
 * the client leaves, the export is aborted; when it is cancelled or fails, the connection is cut.
 */
export async function handleExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  backend: Pick<Backend, 'exportOrganizations'>,
  sendError: (res: ServerResponse, error: ErrorValue, status?: number) => void,
): Promise<void> {
  if (req.method !== 'GET') {
    return sendError(res, { code: 'INVALID_INPUT', message: 'Use GET to download an export' }, 405);
  }
  const params = httpRoutes.export.decode(url.searchParams);
  if (!params.ok) return sendError(res, params.error);

  const request = params.value;
  const start = () => {
    if (res.headersSent) return;
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': contentTypes[request.format],
      'Content-Disposition': `attachment; filename="${exportFileName(request, request.format)}"`,
      'Cache-Control': 'no-store',
    });
  };
  const controller = new AbortController();
  const body = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      start();
      callback(null, chunk);
    },
  });
  body.pipe(res, { end: false });
  res.on('close', () => {
    if (res.writableFinished) return;
    controller.abort();
    body.unpipe(res);
    body.resume();
  });

  try {
    const result = await backend.exportOrganizations(request, { stream: body }, controller.signal);
    if (result.cancelled) return void res.destroy();
    start();
    res.end();
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    body.unpipe(res);
    body.destroy();
    sendError(res, errorValue(error));
  }
}
