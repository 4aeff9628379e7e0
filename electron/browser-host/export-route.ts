import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { orgExport, type OrgExport } from '../../shared/contract';
import { AppError, type ErrorCode, type ErrorValue } from '../../shared/errors';
import type { Backend } from '../backend/types';
import { securityHeaders } from './security-headers';

export const exportPath = '/api/export.csv';

const statusOf: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  NO_SCHEMA: 409,
  NOT_SEEDED: 409,
  BUSY: 409,
};

export type ExportParams = { ok: true; filter: OrgExport } | { ok: false; error: ErrorValue };

/** The query string as the contract's orgExport input; a repeated or unknown parameter is an error. */
export function parseExportParams(search: URLSearchParams): ExportParams {
  const input: Record<string, string> = {};
  for (const [name, value] of search) {
    if (Object.hasOwn(input, name)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: `Parameter ${name} is given twice` } };
    }
    // The grid leaves a filter out rather than sending it empty; tolerate both.
    if (value !== '') input[name] = value;
  }
  const parsed = orgExport.safeParse(input);
  if (parsed.success) return { ok: true, filter: parsed.data };
  const message = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`)
    .join('; ');
  return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid export parameters: ${message}` } };
}

export function exportFileName(filter: OrgExport): string {
  return `organizations-${filter.focus_group_id?.replace(/^pe_/, '') ?? 'all'}.csv`;
}

function errorValue(error: unknown): ErrorValue {
  return error instanceof AppError ? error.toValue() : { code: 'INTERNAL', message: String(error) };
}

/**
 * Streams the unified view as a CSV download. Headers wait for the first byte, so an error the
 * backend finds before writing (another export running) is still a typed JSON error. A download that stops early must not look complete to the browser: when the
 * client leaves, the export is aborted; when the export is cancelled or fails, the connection is
 * cut instead of ended.
 */
export async function handleExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  backend: Pick<Backend, 'exportOrganizations' | 'dispatch'>,
  sendError: (res: ServerResponse, status: number, error: ErrorValue) => void,
): Promise<void> {
  if (req.method !== 'GET') {
    return sendError(res, 405, { code: 'INVALID_INPUT', message: 'Use GET to download an export' });
  }
  const params = parseExportParams(url.searchParams);
  if (!params.ok) return sendError(res, 400, params.error);
  // The CSV's header row is written before the export reads any organization, so what would fail
  // it (no schema, an unknown sector) is asked first, with one page of the same filter.
  const probe = await backend.dispatch('orgs:query', { ...params.filter, limit: 1 });
  if (!probe.ok) return sendError(res, statusOf[probe.error.code] ?? 500, probe.error);

  const start = () => {
    if (res.headersSent) return;
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(params.filter)}"`,
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
    // Nobody reads the rest: drain it so the export reaches its next cancellation check.
    body.unpipe(res);
    body.resume();
  });

  try {
    const result = await backend.exportOrganizations(params.filter, body, controller.signal);
    if (result.cancelled) return void res.destroy();
    start();
    res.end();
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    body.unpipe(res);
    body.destroy();
    const value = errorValue(error);
    sendError(res, statusOf[value.code] ?? 500, value);
  }
}
