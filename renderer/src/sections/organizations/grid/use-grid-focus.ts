import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { rangeOf, type Cell, type CellRange } from './keys';
import { cellId } from './metrics';

export interface GridFocus {
  /** The one cell that holds the grid's tab stop (roving focus). */
  active: Cell;
  /** The rectangle from the selection's anchor to the active cell; null without a selection. */
  selection: CellRange | null;
  /** Makes `cell` active; `extend` grows the selection from its anchor instead of dropping it. */
  moveTo: (cell: Cell, extend: boolean) => void;
  clearSelection: () => void;
  /** Gives the focus back to a column's header, e.g. when its menu closes. */
  focusHeader: (col: number) => void;
}

/** Which cell is active and selected, and the browser's focus on that cell once it is rendered. */
export function useGridFocus(total: number, colCount: number): GridFocus {
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<Cell | null>(null);
  const wantFocus = useRef(false);
  // A new view (fewer rows or columns) must not leave the focus outside the grid.
  const [bounds, setBounds] = useState({ total, colCount });
  if (bounds.total !== total || bounds.colCount !== colCount) {
    setBounds({ total, colCount });
    setActive({
      row: Math.min(active.row, Math.max(0, total - 1)),
      col: Math.min(active.col, Math.max(0, colCount - 1)),
    });
  }

  const moveTo = useCallback(
    (cell: Cell, extend: boolean) => {
      setAnchor((current) => (extend && cell.row >= 0 ? (current ?? active) : null));
      setActive(cell);
      wantFocus.current = true;
    },
    [active],
  );
  const focusHeader = useCallback((col: number) => {
    wantFocus.current = true;
    setActive({ row: -1, col });
  }, []);

  // The active cell may have just scrolled into view: focus it once it exists.
  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    const element = document.getElementById(cellId(active.row, active.col));
    if (element !== null) {
      element.focus({ preventScroll: true });
      wantFocus.current = false;
    }
  });

  return {
    active,
    selection: anchor === null ? null : rangeOf(anchor, active),
    moveTo,
    clearSelection: () => setAnchor(null),
    focusHeader,
  };
}
