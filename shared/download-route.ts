import type { z } from 'zod';
import type { ErrorValue, Result } from './errors';

/** A request as a caller holds it: any parameter may also be null (no filter), which the URL leaves out. */
export type DownloadRequest<Input> = { [K in keyof Input]?: Input[K] | null };

export interface DownloadRoute<S extends z.ZodType> {
  path: string;
  /** The route's URL for a request: empty parameters left out, list parameters as JSON text. */
  encode(request: DownloadRequest<z.input<S>>): string;
  /** The query string as the route's input; a repeated, unknown or invalid parameter is one sentence. */
  decode(search: URLSearchParams): Result<z.output<S>>;
}

interface Options {
  /** Parameters whose value is a list, written as JSON text. */
  json?: readonly string[];
  /** Named in the sentence that refuses a query, e.g. "export". */
  what: string;
  /** Whether a parameter given empty counts as left out rather than as an empty value. */
  emptyIsAbsent: boolean;
}

function invalid(message: string): Result<never> {
  return { ok: false, error: { code: 'INVALID_INPUT', message } satisfies ErrorValue };
}

/**
 * One encoding of a download's request, shared by the renderer that builds the URL and the browser
 * host that reads it, so that the two cannot drift apart.
 */
export function downloadRoute<S extends z.ZodType>(
  path: string,
  input: S,
  options: Options,
): DownloadRoute<S> {
  const json = new Set(options.json ?? []);
  return {
    path,
    encode(request) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(request)) {
        if (value === null || value === undefined || value === '') continue;
        if (Array.isArray(value)) {
          if (value.length > 0) params.set(name, JSON.stringify(value));
        } else params.set(name, String(value));
      }
      const query = params.toString();
      return query === '' ? path : `${path}?${query}`;
    },
    decode(search) {
      // No prototype: a parameter named __proto__ is an unknown parameter, not a silent no-op.
      const given: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [name, value] of search) {
        if (Object.hasOwn(given, name)) return invalid(`Parameter ${name} is given twice`);
        if (value === '' && options.emptyIsAbsent) continue;
        if (!json.has(name)) {
          given[name] = value;
          continue;
        }
        try {
          given[name] = JSON.parse(value) as unknown;
        } catch {
          return invalid(`Parameter ${name} is not valid JSON`);
        }
      }
      const parsed = input.safeParse(given);
      if (parsed.success) return { ok: true, value: parsed.data };
      const reasons = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`)
        .join('; ');
      return invalid(`Invalid ${options.what} parameters: ${reasons}`);
    },
  };
}
