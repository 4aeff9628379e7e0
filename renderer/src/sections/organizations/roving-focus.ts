import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

const moves: Record<string, (at: number, count: number) => number> = {
  ArrowRight: (at, count) => (at + 1) % count,
  ArrowDown: (at, count) => (at + 1) % count,
  ArrowLeft: (at, count) => (at - 1 + count) % count,
  ArrowUp: (at, count) => (at - 1 + count) % count,
  Home: () => 0,
  End: (_at, count) => count - 1,
};

export interface RovingFocus {
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  /**
   * After the next render, focus the button now at `index` (the one after a removed one), or the last
   * one, or `fallback` when none is left.
   */
  refocus: (index: number) => void;
}

/**
 * WAI-ARIA's toolbar pattern over the buttons inside `container`: one tab stop, the arrow keys, Home
 * and End move among them, and Tab leaves. The buttons' tabindex is set on the elements themselves,
 * so that the components drawing them need not know.
 */
export function useRovingFocus(
  container: RefObject<HTMLElement | null>,
  fallback: RefObject<HTMLElement | null>,
): RovingFocus {
  const stop = useRef(0);
  const pending = useRef<number | null>(null);
  const buttons = () => [...(container.current?.querySelectorAll<HTMLElement>('button') ?? [])];

  useLayoutEffect(() => {
    const items = buttons();
    if (pending.current !== null) {
      const index = pending.current;
      pending.current = null;
      stop.current = Math.min(index, items.length - 1);
      (items[stop.current] ?? fallback.current)?.focus();
    }
    stop.current = Math.max(0, Math.min(stop.current, items.length - 1));
    items.forEach((item, i) => (item.tabIndex = i === stop.current ? 0 : -1));
  });

  return {
    onKeyDown(event) {
      const move = moves[event.key];
      const items = buttons();
      const at = items.indexOf(event.target as HTMLElement);
      if (move === undefined || at < 0) return;
      event.preventDefault();
      items[move(at, items.length)]?.focus();
    },
    onFocus(event) {
      const items = buttons();
      const at = items.indexOf(event.target as HTMLElement);
      if (at < 0) return;
      stop.current = at;
      items.forEach((item, i) => (item.tabIndex = i === at ? 0 : -1));
    },
    refocus(index) {
      pending.current = index;
    },
  };
}
