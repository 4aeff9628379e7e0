import { stringify } from 'csv-stringify/sync';
import type { ConfigHistory } from '../../shared/domain';

/** The CSV's columns: one row per value a change set changed, the set's fields on each. */
export const historyCsvColumns = [
  'change_set_id',
  'made_at',
  'author',
  'kind',
  'reverts',
  'rationale',
  'item_kind',
  'item',
  'label',
  'before',
  'after',
  'version_id',
] as const;

/**
 * A sector's history (as filtered) as CSV: RFC 4180 quoting, times in UTC to the millisecond, an
 * unknown author, no `reverts` and an added item's `before` as empty cells, values as stored.
 */
export function historyCsv(history: ConfigHistory): string {
  const rows = history.change_sets.flatMap((set) =>
    set.changes.map((change) => [
      set.change_set_id,
      set.made_at,
      set.author ?? '',
      set.kind,
      set.reverts ?? '',
      set.rationale ?? '',
      change.kind,
      change.key,
      change.label,
      change.before ?? '',
      change.after,
      change.version_id,
    ]),
  );
  return stringify([[...historyCsvColumns], ...rows]);
}

/** The file a sector's history is saved as: pe_energy-history-2026-12-04.csv. */
export const historyFileName = (sectorId: string, day: string) => `${sectorId}-history-${day}.csv`;
