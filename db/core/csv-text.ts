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

const quoted = (text: string): string => (needsQuotes.test(text) ? `"${text.replace(quote, '""')}"` : text);

const csvText = (cell: string | number | null): string =>
  cell === null ? '' : typeof cell === 'number' ? String(cell) : quoted(cell);

/** A value of the view as its CSV field: csvCell then csvLines' quoting, without the cell between. */
export function csvField(value: OrgValue | undefined): string {
  if (typeof value === 'string') return quoted(spreadsheetSafe(value));
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoted(JSON.stringify(value));
}

/**
 * Records as CSV text, each ending in a line feed: a cell is quoted only when it holds a quote, a
 * comma or a line break, quotes doubled, NULL empty. The same bytes as csv-stringify's defaults, in
 * a fifth of its time (bench/export-writers.json: the writers measured on the view's rows).
 */
export function csvLines(rows: readonly (readonly (string | number | null)[])[]): string {
  let out = '';
  for (const row of rows) out += `${row.map(csvText).join(',')}\n`;
  return out;
}

/**
 * Rows as CSV records of the values at these positions, each written by `field` and ending in a line
 * feed. One array of fields is filled for every row and joined: a line built by `+=` is a rope of
 * every field that V8 flattens later, twice as slow on the view's rows (docs/performance.md).
 */
export function csvRecords(
  rows: readonly (readonly OrgValue[])[],
  positions: readonly number[],
  field: (value: OrgValue | undefined) => string = csvField,
): string {
  const fields = new Array<string>(positions.length);
  const lines = new Array<string>(rows.length + 1);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly OrgValue[];
    for (let i = 0; i < positions.length; i++) fields[i] = field(row[positions[i] as number]);
    lines[r] = fields.join(',');
  }
  // The last line's feed (none when there are no rows).
  lines[rows.length] = '';
  return lines.join('\n');
}
