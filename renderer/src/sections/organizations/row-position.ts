import { useState, useSyncExternalStore } from 'react';

/** The rows on screen, 0-based and inclusive; null while none are. */
export type RowSpan = { first: number; last: number } | null;

/**
 * Which rows the grid shows, told by the grid as it scrolls and read by the status line alone, so
 * that scrolling redraws no more than the line that says where it is.
 */
export interface RowPosition {
  set(first: number, last: number): void;
  subscribe(listener: () => void): () => void;
  get(): RowSpan;
  /** The rows of the grid's selection (or its active row), which an export of "selected rows" writes. */
  select(top: number, bottom: number): void;
  selected(): RowSpan;
}

function createRowPosition(): RowPosition {
  let span: RowSpan = null;
  let selection: RowSpan = null;
  const listeners = new Set<() => void>();
  return {
    set(first, last) {
      if (span?.first === first && span.last === last) return;
      span = last < first ? null : { first, last };
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => span,
    select(top, bottom) {
      selection = top < 0 || bottom < top ? null : { first: top, last: bottom };
    },
    selected: () => selection,
  };
}

export function useRowPositionStore(): RowPosition {
  return useState(createRowPosition)[0];
}

export function useRowSpan(position: RowPosition): RowSpan {
  return useSyncExternalStore(position.subscribe, position.get);
}

/** "rows 1,201–1,232 of 8,533" */
export function describeSpan(span: RowSpan, total: number): string | null {
  if (span === null || total === 0) return null;
  const last = Math.min(span.last, total - 1);
  return `rows ${(span.first + 1).toLocaleString('en-US')}–${(last + 1).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
}
