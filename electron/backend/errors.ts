import { AppError, type ErrorValue } from '../../shared/errors';

const busyMessage = 'The database file is busy: another process is writing to it. Try again in a moment.';

/**
 * SQLite's constraint messages quote the SQL of the failed CHECK; a person gets what was refused
 * instead. The triggers' own messages (RAISE) are already sentences and pass through.
 */
function constraintMessage(code: string, message: string): string {
  if (code === 'SQLITE_CONSTRAINT_CHECK')
    return 'The database refused a value outside what the column allows';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return 'The database refused a duplicate: a row with the same key already exists';
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return 'The database refused a reference to a row that does not exist';
  }
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') return 'The database refused a missing required value';
  return message;
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
  }
  return { code: 'INTERNAL', message };
}
