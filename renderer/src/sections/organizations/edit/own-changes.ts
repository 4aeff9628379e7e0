import type { ChangeRange } from '../../../../../shared/org-edits';

/**
 * The change-log ranges this window's own writes made: the change poll leaves them out, so that an
 * analyst's own edit is never announced back to them as somebody else's.
 */
let own: ChangeRange[] = [];

export function rememberOwn(range: ChangeRange): void {
  if (range[1] > range[0]) own.push(range);
}

/** Ranges that may still lie after `after`; older ones are forgotten. */
export function ownAfter(after: number): ChangeRange[] {
  own = own.filter(([, to]) => to > after).slice(-100);
  return own;
}
