import type { OrgValue } from '../../../../shared/domain';

/**
 * A cell's value as text to paste elsewhere: numbers unformatted (a spreadsheet parses them),
 * booleans as the CSV export writes them, arrays as a comma-separated list, NULL as nothing.
 */
export function cellText(value: OrgValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** How the row drawer says a value: Yes/No rather than true/false, a dash for NULL. */
export function describeValue(value: OrgValue): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return cellText(value);
}
