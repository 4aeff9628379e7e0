import type { OrgValue } from '../../shared/domain';
import { formulaStart } from '../../shared/org-fields';

/**
 * A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
 * return, as OWASP's CSV-injection guidance lists) gets an apostrophe in front, and so does one that
 * already starts with apostrophes before such a character, so that the import takes exactly one
 * away and a round trip gives the same bytes.
 */
export function spreadsheetSafe(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** A value of the view as an export's CSV cell: booleans true/false, arrays as JSON, text made safe. */
export function csvCell(value: OrgValue | undefined): string | number | null {
  if (value === null || value === undefined || typeof value === 'number') return value ?? null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return JSON.stringify(value);
  return spreadsheetSafe(value);
}

const needsQuotes = /[",\n\r]/;
const quote = /"/g;

const csvText = (cell: string | number | null): string =>
  cell === null
    ? ''
    : typeof cell === 'number'
      ? String(cell)
      : needsQuotes.test(cell)
        ? `"${cell.replace(quote, '""')}"`
        : cell;

/**
 * Records as CSV text, each ending in a line feed: a cell is quoted only when it holds a quote, a
 * comma or a line break, quotes doubled, NULL empty. The same bytes as csv-stringify's defaults, in
 * an eighth of its time (bench/export-writers.json: the writers measured on the view's rows).
 */
export function csvLines(rows: readonly (readonly (string | number | null)[])[]): string {
  let out = '';
  for (const row of rows) out += `${row.map(csvText).join(',')}\n`;
  return out;
}
