import type { ErrorValue, Result } from '../../../../shared/errors';
import { shownInPlace } from '../../api/write-errors';

/**
 * What the workbench does with a save's answer. A CONFLICT means another analyst saved first:
 * nothing was saved, so the editor shows the message and reloads the values (the message names the
 * new one). Other errors are shown and leave the editor as it is.
 */
export type SaveOutcome<T> =
  | { kind: 'saved'; value: T }
  | { kind: 'conflict'; message: string }
  | { kind: 'in place' }
  | { kind: 'failed'; error: ErrorValue };

/** A save cancelled or given up while the database was busy: the form says so in place. */
export function saveOutcome<T>(result: Result<T>): SaveOutcome<T> {
  if (result.ok) return { kind: 'saved', value: result.value };
  if (result.error.code === 'CONFLICT') return { kind: 'conflict', message: result.error.message };
  if (shownInPlace(result.error)) return { kind: 'in place' };
  return { kind: 'failed', error: result.error };
}
