import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpRoutes } from '../../shared/contract';
import { configFileName } from '../../shared/config-document';
import type { ConfigHistory } from '../../shared/domain';
import type { ErrorValue } from '../../shared/errors';
import { historyCsv, historyFileName } from '../backend/history-csv';
import type { Backend } from '../backend/types';
import { securityHeaders } from './security-headers';

type SendError = (res: ServerResponse, error: ErrorValue, status?: number) => void;

function invalid(message: string): ErrorValue {
  return { code: 'INVALID_INPUT', message };
}

/**
 * The share document as a download (`?focus_group_id=pe_energy`, or every sector without it): the
 * browser's counterpart of the desktop app's save dialog. A repeated or unknown parameter is an error.
 */
export async function handleConfigExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  backend: Pick<Backend, 'dispatch'>,
  sendError: SendError,
): Promise<void> {
  if (req.method !== 'GET') return sendError(res, invalid('Use GET to download a configuration'), 405);
  const parsed = httpRoutes.configExport.decode(url.searchParams);
  if (!parsed.ok) return sendError(res, parsed.error);
  const sectorId = parsed.value.focus_group_id ?? null;
  const result = await backend.dispatch('config:document', { focus_group_id: sectorId });
  if (!result.ok) return sendError(res, result.error);
  const document = result.value as { exported_at: string };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Content-Disposition': `attachment; filename="${configFileName(sectorId, document.exported_at.slice(0, 10))}"`,
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/**
 * A sector's history (with the filters of `config:history`) as a CSV download: the browser's
 * counterpart of the desktop app's save dialog.
 */
export async function handleHistoryExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  backend: Pick<Backend, 'dispatch'>,
  sendError: SendError,
): Promise<void> {
  if (req.method !== 'GET') return sendError(res, invalid('Use GET to download a history'), 405);
  const parsed = httpRoutes.historyExport.decode(url.searchParams);
  if (!parsed.ok) return sendError(res, parsed.error);
  const result = await backend.dispatch('config:history', parsed.value);
  if (!result.ok) return sendError(res, result.error);
  const text = historyCsv(result.value as ConfigHistory);
  const name = historyFileName(parsed.value.focus_group_id, new Date().toISOString().slice(0, 10));
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
