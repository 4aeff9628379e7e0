import type { ConfigDifference, ConfigHistory, ConfigItemKind } from '../../shared/domain';
import { formatCalibration, formatWeight } from '../../shared/sector-config';

export const historyFormats = ['json', 'table'] as const;
export type HistoryFormat = (typeof historyFormats)[number];

const format = (kind: ConfigItemKind, value: number) =>
  kind === 'weight' ? formatWeight(value) : formatCalibration(value);

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

/** Every version, oldest first per item: what changed, when, and why. */
export function formatHistory(history: ConfigHistory, as: HistoryFormat): string {
  if (as === 'json') return `${JSON.stringify(history, null, 2)}\n`;
  const rows = history.versions.map((v) => [
    v.kind,
    v.key,
    format(v.kind, v.value),
    v.effective_from,
    v.effective_to ?? (v.is_current ? 'current' : ''),
    v.rationale ?? '',
  ]);
  const header = ['kind', 'item', 'value', 'from', 'until', 'rationale'];
  return `${history.group_name} (${history.focus_group_id})\n${columns([header, ...rows])}\n`;
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
