import type { OrgValue } from './domain';
import type { OrgColumn } from './org-query';

/**
 * One rule per column type, read from the schema (the column's kind and DECIMAL scale) and the
 * unit its name carries: how the grid, the drawer and a formatted copy write a value. Every value of
 * a column gets the same number of decimals, so that right-aligned numbers line up.
 */
export type ColumnFormat =
  /** Dollars; `unit` is what 1 in the column is worth (1e9 for a column in billions). */
  | { kind: 'money'; unit: number; decimals: number }
  | { kind: 'percent'; decimals: number }
  /** Counts (no decimals) and measures, grouped by thousands, with their unit after. */
  | { kind: 'number'; decimals: number; suffix: string }
  /** Years, codes and ids: digits as they are. */
  | { kind: 'digits' }
  | { kind: 'boolean' }
  | { kind: 'list' }
  | { kind: 'text' };

/** Decimals a decimal column shows when the schema does not say (a computed score, say). */
const DEFAULT_DECIMALS = 2;
/** Money shows this many decimals beside its magnitude ($1.19 B). */
const MONEY_DECIMALS = 2;

export function columnFormat(column: Pick<OrgColumn, 'name' | 'kind' | 'scale'>): ColumnFormat {
  const { name, kind } = column;
  if (kind === 'boolean') return { kind: 'boolean' };
  if (kind === 'array') return { kind: 'list' };
  if (kind === 'text') return { kind: 'text' };
  if (/(_year|_code|_number|_id)$/.test(name)) return { kind: 'digits' };
  const decimals = kind === 'integer' ? 0 : (column.scale ?? DEFAULT_DECIMALS);
  if (/_usd$/.test(name)) return { kind: 'money', unit: 1, decimals };
  if (/_billions$/.test(name)) return { kind: 'money', unit: 1e9, decimals };
  if (/_pct$/.test(name)) return { kind: 'percent', decimals };
  if (/_mw$/.test(name)) return { kind: 'number', decimals, suffix: ' MW' };
  return { kind: 'number', decimals, suffix: '' };
}

export interface Formatted {
  text: string;
  /** Every digit, where `text` rounds to a magnitude (the tooltip and the drawer show it). */
  full: string | null;
  /** A class for the grid's styles: null, true, false, number or list. */
  kind: 'null' | 'true' | 'false' | 'number' | 'list' | 'text';
}

const formatters = new Map<string, Intl.NumberFormat>();

function grouped(value: number, decimals: number, currency = false): string {
  const key = `${decimals}:${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      ...(currency ? { style: 'currency', currency: 'USD' } : {}),
    });
    formatters.set(key, format);
  }
  return format.format(value);
}

const magnitudes: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Dollars with their magnitude: $137.86 B, -$2.50 M, $950.00. */
function money(amount: number): string {
  const [size, letter] = magnitudes.find(([size]) => Math.abs(amount) >= size) ?? [1, ''];
  const text = grouped(amount / size, MONEY_DECIMALS, true);
  return letter ? `${text} ${letter}` : text;
}

/** A value as its column's rule writes it; NULL as a dash. */
export function formatValue(format: ColumnFormat, value: OrgValue | undefined): Formatted {
  if (value === null || value === undefined) return { text: '—', full: null, kind: 'null' };
  if (typeof value === 'boolean') {
    return { text: value ? 'Yes' : 'No', full: null, kind: value ? 'true' : 'false' };
  }
  if (Array.isArray(value)) {
    return { text: value.length === 0 ? '[ ]' : value.join(' · '), full: null, kind: 'list' };
  }
  if (typeof value !== 'number') return { text: value, full: null, kind: 'text' };
  switch (format.kind) {
    case 'money': {
      const amount = value * format.unit;
      const digits = format.unit === 1 ? format.decimals : 0;
      return { text: money(amount), full: grouped(amount, digits, true), kind: 'number' };
    }
    case 'percent':
      return { text: `${grouped(value, format.decimals)}%`, full: null, kind: 'number' };
    case 'number':
      return { text: `${grouped(value, format.decimals)}${format.suffix}`, full: null, kind: 'number' };
    default:
      return { text: String(value), full: null, kind: 'number' };
  }
}
