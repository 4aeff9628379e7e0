export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'NOT_FOUND',
  'NO_SCHEMA',
  'NOT_SEEDED',
  'CONSTRAINT',
  'CONFLICT',
  'CANCELLED',
  'BUSY',
  /** A server the app depends on (PostgreSQL, Redis) cannot be reached now; the state, not a crash. */
  'UNAVAILABLE',
  'DB_ERROR',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The shape every error takes when it crosses a process or network boundary. */
export interface ErrorValue {
  code: ErrorCode;
  message: string;
  /** The column a refused value belongs to, so that a form shows the message at that field. */
  field?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toValue(): ErrorValue {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export function isErrorValue(value: unknown): value is ErrorValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorValue).code === 'string' &&
    (errorCodes as readonly string[]).includes((value as ErrorValue).code) &&
    typeof (value as ErrorValue).message === 'string'
  );
}
