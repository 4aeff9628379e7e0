import { stringify } from 'csv-stringify/sync';
import type { OrgPage, OrgValue } from '../../shared/domain';
import { fixedDecimals } from '../../shared/labels';

export const orgFormats = ['json', 'csv', 'table'] as const;
export type OrgFormat = (typeof orgFormats)[number];

/** CSV cells: arrays as JSON, booleans as true/false, NULL as an empty cell. */
export function csvCell(value: OrgValue): string | number {
  if (value === null) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

const tableColumns = [
  'legal_name',
  'sector_name',
  'status',
  'headquarters_country',
  'employee_count',
  'annual_revenue_usd',
  'org_air',
];

/** A table cell: scores with their fixed decimals (the JSON and CSV keep every digit). */
function tableCell(column: string, value: OrgValue | undefined): string {
  if (value === null || value === undefined) return '';
  const digits = fixedDecimals(column);
  return typeof value === 'number' && digits !== null ? value.toFixed(digits) : String(value);
}

function textTable(page: OrgPage): string {
  const rows = page.rows.map((row) => tableColumns.map((c) => tableCell(c, row[c])));
  const widths = tableColumns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(tableColumns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `(${page.rows.length} of ${page.total})`,
  ]
    .join('\n')
    .concat('\n');
}

export function formatOrgPage(page: OrgPage, format: OrgFormat): string {
  if (format === 'json') return `${JSON.stringify(page.rows, null, 2)}\n`;
  if (format === 'csv') {
    return stringify([
      page.columns,
      ...page.rows.map((row) => page.columns.map((c) => csvCell(row[c] ?? null))),
    ]);
  }
  return textTable(page);
}
