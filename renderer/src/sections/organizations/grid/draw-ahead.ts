import type { VirtualItem } from '@tanstack/react-virtual';
import { HEADER_HEIGHT, ROW_HEIGHT } from './metrics';

const STEP = 8;

/** Rows [from, to], inclusive; none when from > to. */
export interface RowSpan {
  from: number;
  to: number;
}

/**
 * The rows to keep drawn for a screen of [first, last]: these and `reach` more in the direction of
 * travel, so that the next screen is in the document, laid out and painted, before it is scrolled to.
 */
export function drawnSpan(
  first: number,
  last: number,
  direction: 1 | -1,
  reach: number,
  total: number,
): RowSpan {
  // In steps of STEP rows, so that scrolling redraws the rows ahead every few rows, not every row.
  const from = direction > 0 || reach === 0 ? first : Math.floor((first - reach) / STEP) * STEP;
  const to = direction < 0 || reach === 0 ? last : Math.ceil((last + reach) / STEP) * STEP;
  return { from: Math.max(0, from), to: Math.min(total - 1, to) };
}

/** Rows to scroll before the next screen is drawn: a screen, or a page of the compressed scrollbar. */
export function drawReach(viewport: number, scale: number): number {
  return Math.ceil((Math.max(0, viewport - HEADER_HEIGHT) * Math.max(1, scale)) / ROW_HEIGHT);
}

/** `items` and the rows of `span` they lack, at their own places (every row is ROW_HEIGHT tall), in order. */
export function withSpan(items: VirtualItem[], span: RowSpan): VirtualItem[] {
  const have = new Set(items.map((item) => item.index));
  const extra: VirtualItem[] = [];
  for (let index = span.from; index <= span.to; index++) {
    if (have.has(index)) continue;
    const start = HEADER_HEIGHT + index * ROW_HEIGHT;
    extra.push({ key: index, index, start, end: start + ROW_HEIGHT, size: ROW_HEIGHT, lane: 0 });
  }
  // In the order of the rows, whichever were drawn first: React then moves no row in the document.
  return extra.length === 0 ? items : [...items, ...extra].sort((a, b) => a.index - b.index);
}

/**
 * The part of `drawn` (a deferred span, possibly still the last place's) within `wanted` (the span
 * for the rows in sight now): after a jump, such as a thumb drag's, rows of the place left are not
 * drawn again while the new place's rows wait.
 */
export function spanWithin(drawn: RowSpan, wanted: RowSpan): RowSpan {
  return { from: Math.max(drawn.from, wanted.from), to: Math.min(drawn.to, wanted.to) };
}
