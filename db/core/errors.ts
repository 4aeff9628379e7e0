import { AppError, type ErrorValue } from '../../shared/errors';

/** SQLSTATEs of a server that went away: class 08 (connection exception), shutdowns and start-up. */
const lostStates = /^08|^57P0[123]$/;

/** node-postgres' own connection failures, and the socket errors under them. */
const socketCodes =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EPIPE|EAI_AGAIN)$/;
const clientMessages =
  /^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error|^Client was closed and is not queryable/;

/**
 * Connection strings can carry a password (in the user part, in the query, or as libpq's
 * password=…); what crosses a boundary never does. A URL's query goes whole: its keys may be
 * percent-encoded.
 */
export function withoutCredentials(text: string): string {
  return text
    .replace(/(postgres(?:ql)?:\/\/)[^/\s]*@/gi, '$1')
    .replace(/(postgres(?:ql)?:\/\/[^\s?#]*)[?#]\S*/gi, '$1')
    .replace(/\bpassword\s*=\s*\S+/gi, 'password=***');
}

/** Whether `error` says the server cannot be reached (now), rather than that it refused something. */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if ('severity' in error && /^[0-9A-Z]{5}$/.test(code)) return lostStates.test(code);
  return socketCodes.test(code) || clientMessages.test(error.message);
}

/** The first line of what went wrong, without credentials (an AggregateError of sockets has only a code). */
export function lossReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  return withoutCredentials(error.message.split('\n')[0] || code || error.name);
}

const busyMessage = 'The database file is busy: another process is writing to it. Try again in a moment.';
const serverBusyMessage =
  'The database is busy: another session holds what this change needs. Try again in a moment.';

const refused = {
  check: 'The database refused a value outside what the column allows',
  unique: 'The database refused a duplicate: a row with the same key already exists',
  reference: 'The database refused a reference to a row that does not exist',
  missing: 'The database refused a missing required value',
  other: 'The database refused a change that breaks one of its rules',
};

/**
 * SQLite's constraint messages quote the SQL of the failed CHECK; a person gets what was refused
 * instead. The triggers' own messages (RAISE) are already sentences and pass through.
 */
function constraintMessage(code: string, message: string): string {
  if (code === 'SQLITE_CONSTRAINT_CHECK') return refused.check;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return refused.unique;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return refused.reference;
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') return refused.missing;
  return message;
}

/** A PostgreSQL server error (node-postgres' DatabaseError): a five-character SQLSTATE and a severity. */
interface ServerError extends Error {
  code: string;
  constraint?: string;
}

function isServerError(error: Error): error is ServerError {
  return (
    'code' in error &&
    typeof error.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(error.code) &&
    'severity' in error
  );
}

const unreachable = (error: unknown): ErrorValue => ({
  code: 'UNAVAILABLE',
  message: `The database server cannot be reached now: ${lossReason(error)}`,
});

/**
 * PostgreSQL's errors as the same values as SQLite's: a refused row is CONSTRAINT with the same
 * sentences (PostgreSQL's messages name constraints and quote values), a lock or serialization
 * conflict is BUSY (retry), a lost connection or a server shutting down or starting is UNAVAILABLE
 * (retry later), a missing database or a refused login is DB_ERROR.
 */
function serverErrorValue(error: ServerError, message: string): ErrorValue {
  const { code } = error;
  if (code.startsWith('23')) {
    if (code === '23514') {
      // A CHECK names its constraint; a trigger's RAISE (check_attribute_sector) is a sentence of ours.
      return { code: 'CONSTRAINT', message: error.constraint === undefined ? message : refused.check };
    }
    const sentence =
      code === '23505'
        ? refused.unique
        : code === '23503'
          ? refused.reference
          : code === '23502'
            ? refused.missing
            : refused.other;
    return { code: 'CONSTRAINT', message: sentence };
  }
  // A value too long for its VARCHAR or too large for its DECIMAL: what SQLite's CHECKs refuse.
  if (code === '22001' || code === '22003') return { code: 'CONSTRAINT', message: refused.check };
  if (code === '40001' || code === '40P01' || code === '55P03')
    return { code: 'BUSY', message: serverBusyMessage };
  if (isConnectionLoss(error)) return unreachable(error);
  if (code.startsWith('57P') || code === '3D000') {
    return {
      code: 'DB_ERROR',
      message: `The database server cannot be used: ${withoutCredentials(message)}`,
    };
  }
  if (code.startsWith('28')) {
    return { code: 'DB_ERROR', message: 'The database server refused the login: check DATABASE_URL' };
  }
  return { code: 'DB_ERROR', message: `The database failed: ${withoutCredentials(message)}` };
}

/** A row refused because another holds the same unique key, on either engine. */
export function isDuplicate(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return (
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    (isServerError(error) && error.code === '23505')
  );
}

/** Any failure as the typed value that crosses process and network boundaries, in one line. */
export function toErrorValue(error: unknown): ErrorValue {
  if (error instanceof AppError) return error.toValue();
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const code = error.code;
    if (code.startsWith('SQLITE_CONSTRAINT'))
      return { code: 'CONSTRAINT', message: constraintMessage(code, message) };
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      return { code: 'BUSY', message: busyMessage };
    if (code.startsWith('SQLITE_')) return { code: 'DB_ERROR', message: `The database failed: ${message}` };
    if (isServerError(error)) return serverErrorValue(error, message);
  }
  if (isConnectionLoss(error)) return unreachable(error);
  return { code: 'INTERNAL', message: withoutCredentials(message) };
}
