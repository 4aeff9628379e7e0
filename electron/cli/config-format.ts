import { formatValue as format } from '../../shared/change-sets';
import type { ChangeSet, ConfigDifference, ConfigHistory } from '../../shared/domain';
import { historyCsv } from '../backend/history-csv';

export const historyFormats = ['table', 'json', 'csv'] as const;
export type HistoryFormat = (typeof historyFormats)[number];

/** Columns padded to their widest cell, two spaces apart. */
function columns(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** 2026-12-04T15:30:00.123Z as 2026-12-04 15:30:00.123 (the header says UTC). */
const utc = (instant: string) => instant.replace('T', ' ').replace('Z', '');

const kindText = (set: ChangeSet) => (set.reverts === null ? set.kind : `revert of #${set.reverts}`);

/**
 * Every change set, oldest first: when (UTC, to the millisecond), by whom, what kind, each value
 * before → after, and why. A set's own columns are on its first row.
 */
export function formatHistory(history: ConfigHistory, as: HistoryFormat): string {
  if (as === 'json') return `${JSON.stringify(history, null, 2)}\n`;
  if (as === 'csv') return historyCsv(history);
  const rows = history.change_sets.flatMap((set) =>
    set.changes.map((c, i) => {
      const change = `${c.before === null ? '(new)' : format(c.kind, c.before)} → ${format(c.kind, c.after)}`;
      const head =
        i === 0
          ? [`#${set.change_set_id}`, utc(set.made_at), set.author ?? '(unknown)', kindText(set)]
          : ['', '', '', ''];
      return [...head, `${c.kind} ${c.key}`, change, i === 0 ? (set.rationale ?? '') : ''];
    }),
  );
  const header = ['set', 'made (UTC)', 'author', 'kind', 'item', 'change', 'rationale'];
  const none = rows.length === 0 ? 'No change sets match.\n' : '';
  return `${history.group_name} (${history.focus_group_id})\n${columns([header, ...rows])}\n${none}`;
}

/** What an import changes, sector by sector: `weight  talent  0.120 → 0.140`. */
export function formatDifferences(differences: ConfigDifference[]): string {
  if (differences.length === 0) return 'No differences: the file matches the current configuration\n';
  const lines: string[] = [];
  for (const id of new Set(differences.map((d) => d.focus_group_id))) {
    const own = differences.filter((d) => d.focus_group_id === id);
    lines.push(`${own[0]?.group_name ?? id} (${id})`);
    const rows = own.map((d) => [
      `  ${d.kind}`,
      d.key,
      d.current === null ? '(new)' : format(d.kind, d.current),
      '→',
      format(d.kind, d.incoming),
    ]);
    lines.push(columns(rows));
  }
  return `${lines.join('\n')}\n`;
}
