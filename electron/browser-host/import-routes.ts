import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpRoutes } from '../../shared/contract';
import { AppError, type ErrorValue, type Result } from '../../shared/errors';
import { MAX_IMPORT_BYTES } from '../../shared/org-import';
import type { Backend } from '../backend/types';
import { toErrorValue } from '../../db/core/errors';
import { securityHeaders } from './security-headers';

type SendError = (res: ServerResponse, error: ErrorValue, status?: number) => void;

const invalid = (message: string): ErrorValue => ({ code: 'INVALID_INPUT', message });

/**
 * A file to import, uploaded as the body (`POST /api/import-upload?name=…`, application/octet-stream,
 * which a plain HTML form cannot send without a preflight), written by the backend to a temporary file
 * as it arrives, for the import's steps; answers what `orgs:importOpen` answers in the desktop app.
 */
export async function handleImportUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  backend: Pick<Backend, 'uploadImportFile'>,
  sendError: SendError,
): Promise<void> {
  if (req.method !== 'POST') return sendError(res, invalid('Use POST to upload a file to import'), 405);
  if (req.headers['content-type'] !== 'application/octet-stream') {
    return sendError(res, invalid('Content-Type must be application/octet-stream'), 415);
  }
  const params = httpRoutes.importUpload.decode(url.searchParams);
  if (!params.ok) return sendError(res, params.error);
  let result: Result<unknown>;
  try {
    if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) {
      throw new AppError(
        'INVALID_INPUT',
        `${params.value.name} is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB: split it into smaller files`,
      );
    }
    result = { ok: true, value: await backend.uploadImportFile(req, params.value.name) };
  } catch (error) {
    res.setHeader('Connection', 'close');
    return sendError(res, toErrorValue(error));
  }
  const text = JSON.stringify(result);
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** The last import's rejected rows as a CSV download (the desktop app writes them beside the file). */
export function handleImportRejected(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  backend: Pick<Backend, 'rejectedRows'>,
  sendError: SendError,
): void {
  if (req.method !== 'GET') return sendError(res, invalid('Use GET to download rejected rows'), 405);
  const params = httpRoutes.importRejected.decode(url.searchParams);
  if (!params.ok) return sendError(res, params.error);
  let csv: string;
  try {
    csv = backend.rejectedRows(params.value.import_id);
  } catch (error) {
    return sendError(res, toErrorValue(error));
  }
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Length': Buffer.byteLength(csv),
    'Content-Disposition': 'attachment; filename="rejected-rows.csv"',
    'Cache-Control': 'no-store',
  });
  res.end(csv);
}
