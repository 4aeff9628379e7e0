import type { ErrorCode } from '../../shared/errors';

/** The HTTP status of each typed error, so that a reply's status says what its body says. */
export const httpStatus: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNKNOWN_CHANNEL: 404,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NO_SCHEMA: 409,
  NOT_SEEDED: 409,
  CONSTRAINT: 409,
  CONFLICT: 409,
  CANCELLED: 409,
  BUSY: 503,
  UNAVAILABLE: 503,
  DB_ERROR: 500,
  INTERNAL: 500,
};
