import { z } from 'zod';
import { AppError } from './errors';
import { text } from './text';

/**
 * Saved views of the Organizations grid: named filters, sort and column layouts, kept in the database
 * so that every window and instance on it shares them, and passed between analysts as a small file.
 */

export const MAX_VIEW_NAME = 80;
/** A view is a few hundred bytes; the bound keeps a stored view from becoming a place to park data. */
export const MAX_VIEW_BYTES = 16_384;
export const MAX_VIEWS_PER_FILE = 500;

export const viewName = text(MAX_VIEW_NAME).trim().min(1, 'A view needs a name');

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type ViewBody = { [key: string]: JsonValue };

/**
 * What a view holds, as the database stores it: a JSON object of bounded size. Only the grid reads its
 * fields, leniently (renderer/…/view-state.ts), so a view saved by a later version with a field this
 * one does not know, or by an earlier one without a field, still opens.
 */
export const viewBody = z
  .unknown()
  // An own "__proto__" key (JSON.parse makes one) would become the parsed object's prototype and be lost.
  .refine((value) => !hasProtoKey(value), 'A view may not name anything __proto__')
  .pipe(z.record(z.string(), z.json()))
  .refine((body) => JSON.stringify(body).length <= MAX_VIEW_BYTES, {
    message: `A view is at most ${MAX_VIEW_BYTES.toLocaleString('en-US')} characters of JSON`,
  }) as z.ZodType<ViewBody>;

function hasProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasProtoKey);
  return Object.keys(value).some(
    (key) => key === '__proto__' || hasProtoKey((value as Record<string, unknown>)[key]),
  );
}

export interface SavedView {
  name: string;
  view: ViewBody;
  /** When it was last saved, ISO 8601 in UTC. */
  saved_at: string;
}

/** What an import of views did: views new to the database, views of the same name replaced. */
export interface ViewsImported {
  added: number;
  replaced: number;
  views: SavedView[];
}

/** Where the desktop app saved the views file; null when its save dialog was dismissed. */
export interface ViewsExportResult {
  path: string | null;
  views: number;
}

export const VIEWS_DOCUMENT_FORMAT = 'sector-studio-views';
export const VIEWS_DOCUMENT_VERSION = 1;

export interface ViewsDocument {
  format: typeof VIEWS_DOCUMENT_FORMAT;
  version: typeof VIEWS_DOCUMENT_VERSION;
  exported_at: string;
  views: { name: string; view: ViewBody }[];
}

const documentSchema = z
  .object({
    format: z.literal(VIEWS_DOCUMENT_FORMAT, 'It is not a Sector Studio views file'),
    version: z.literal(VIEWS_DOCUMENT_VERSION, 'It was written by another version of Sector Studio'),
    exported_at: z.string().max(40).optional(),
    views: z
      .array(z.object({ name: viewName, view: viewBody }))
      .max(MAX_VIEWS_PER_FILE, `A file holds at most ${MAX_VIEWS_PER_FILE} views`),
  })
  .refine((document) => new Set(document.views.map((v) => v.name)).size === document.views.length, {
    message: 'Two views in it have the same name',
    path: ['views'],
  });

export function viewsDocument(views: Pick<SavedView, 'name' | 'view'>[], now = new Date()): ViewsDocument {
  return {
    format: VIEWS_DOCUMENT_FORMAT,
    version: VIEWS_DOCUMENT_VERSION,
    exported_at: now.toISOString(),
    views: views.map(({ name, view }) => ({ name, view })),
  };
}

export function viewsFileName(now = new Date()): string {
  return `sector-studio-views-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * The views of an exported file, or an INVALID_INPUT AppError saying in one sentence why the text is
 * not one: not JSON, another kind of file, a view without a name or over the size bound.
 */
export function parseViewsDocument(source: string): { name: string; view: ViewBody }[] {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    throw new AppError('INVALID_INPUT', 'The file is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new AppError('INVALID_INPUT', 'It is not a Sector Studio views file');
  const parsed = documentSchema.safeParse(json);
  if (parsed.success) return parsed.data.views;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` (at ${issue.path.join('.')})`;
  throw new AppError('INVALID_INPUT', `${issue?.message ?? 'It is not a views file'}${where}`);
}
