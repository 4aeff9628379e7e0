import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorValue } from '../../shared/errors';
import { viewsFileName, type ViewsDocument } from '../../shared/saved-views';
import type { Backend } from '../backend/types';
import { securityHeaders } from './security-headers';

type SendError = (res: ServerResponse, error: ErrorValue, status?: number) => void;

/** Every saved view as a download: the browser's counterpart of the desktop app's save dialog. */
export async function handleViewsExport(
  req: IncomingMessage,
  res: ServerResponse,
  backend: Pick<Backend, 'dispatch'>,
  sendError: SendError,
): Promise<void> {
  if (req.method !== 'GET') {
    return sendError(res, { code: 'INVALID_INPUT', message: 'Use GET to download the saved views' }, 405);
  }
  const result = await backend.dispatch('views:document', {});
  if (!result.ok) return sendError(res, result.error);
  const document = result.value as ViewsDocument;
  const text = `${JSON.stringify(document, null, 2)}\n`;
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Content-Disposition': `attachment; filename="${viewsFileName(new Date(document.exported_at))}"`,
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
