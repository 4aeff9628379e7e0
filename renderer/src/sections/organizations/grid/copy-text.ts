import { useLocalStorage } from '@mantine/hooks';
import { z } from 'zod';
import type { OrgRow, OrgValue } from '../../../../../shared/domain';
import { cellText } from '../cell-text';
import type { GridColumn } from '../grid-columns';
import { showValue } from './cell-format';
import { toTsv } from './keys';

export const copyFormats = ['tsv', 'csv', 'json'] as const;

/** What Ctrl+C puts on the clipboard. */
export const copyOptions = z.object({
  format: z.enum(copyFormats).catch('tsv'),
  /** A first row of headers (a JSON copy is keyed by them either way). */
  headers: z.boolean().catch(false),
  /** Values and headers as the grid shows them (labels, $1.19 B, Yes/No), rather than raw. */
  formatted: z.boolean().catch(false),
});
export type CopyOptions = z.output<typeof copyOptions>;

/** As a spreadsheet pastes cell by cell: tab-separated, raw numbers, no headers. */
export const defaultCopy: CopyOptions = { format: 'tsv', headers: false, formatted: false };

function toCsv(rows: string[][]): string {
  const field = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(field).join(',')).join('\r\n');
}

/** Rows of some columns as text to paste, in the chosen format. */
export function copyText(rows: OrgRow[], columns: GridColumn[], options: CopyOptions): string {
  const head = columns.map((column) => (options.formatted ? column.label : column.name));
  // Formatted NULL is an empty cell rather than the grid's dash, so that a pasted cell stays empty.
  const text = (column: GridColumn, value: OrgValue) =>
    options.formatted ? (value === null ? '' : showValue(column, value).text) : cellText(value);
  if (options.format === 'json') {
    const objects = rows.map((row) =>
      Object.fromEntries(
        columns.map((column, i) => {
          const value = row[column.name] ?? null;
          return [head[i], options.formatted && value !== null ? text(column, value) : value];
        }),
      ),
    );
    return JSON.stringify(objects, null, 2);
  }
  const body = rows.map((row) => columns.map((column) => text(column, row[column.name] ?? null)));
  const table = options.headers ? [head, ...body] : body;
  return options.format === 'csv' ? toCsv(table) : toTsv(table);
}

/** The copy options, remembered on this computer. */
export function useCopyOptions(): [CopyOptions, (options: CopyOptions) => void] {
  const [options, setOptions] = useLocalStorage<CopyOptions>({
    key: 'sector-studio:organizations:copy',
    defaultValue: defaultCopy,
    getInitialValueInEffect: false,
    deserialize: (text) => {
      try {
        return copyOptions.parse(JSON.parse(text ?? 'null'));
      } catch {
        return defaultCopy;
      }
    },
  });
  return [options, setOptions];
}
