import type { OrgValue } from '../../../../../shared/domain';
import { fixedDecimals } from '../../../../../shared/labels';

const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const fixed = new Map(
  [2, 4].map((digits) => [
    digits,
    new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ]),
);

/** Years and codes read wrong with thousands separators. */
function isRawNumber(column: string): boolean {
  return /(_year|_code|_number|_id)$/.test(column);
}

export interface Shown {
  text: string;
  /** A class for styles.css: null, true, false, number or list. */
  kind: 'null' | 'true' | 'false' | 'number' | 'list' | 'text';
}

/** How a cell shows a value: money as dollars, NULL as a dash, booleans as Yes/No, lists joined. */
export function showValue(column: string, value: OrgValue | undefined): Shown {
  if (value === null || value === undefined) return { text: '—', kind: 'null' };
  if (typeof value === 'boolean')
    return value ? { text: 'Yes', kind: 'true' } : { text: 'No', kind: 'false' };
  if (Array.isArray(value)) return { text: value.length === 0 ? '[ ]' : value.join(' · '), kind: 'list' };
  if (typeof value === 'number') {
    const digits = fixedDecimals(column);
    const text =
      digits !== null
        ? (fixed.get(digits)?.format(value) ?? String(value))
        : isRawNumber(column)
          ? String(value)
          : column.endsWith('_usd')
            ? money.format(value)
            : decimal.format(value);
    return { text, kind: 'number' };
  }
  return { text: value, kind: 'text' };
}
