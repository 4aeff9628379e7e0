import type { ErrorValue } from '../../../shared/errors';

/**
 * Whether the form that made a write says this error itself, beside its fields (BusyNotice), rather
 * than as a toast far from them: the analyst's own Cancel, or a wait for the lock that ran out.
 */
export const shownInPlace = (error: ErrorValue): boolean =>
  error.code === 'CANCELLED' || error.code === 'BUSY';
