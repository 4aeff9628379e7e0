import { useMemo, useState, type DragEvent, type PointerEvent } from 'react';
import { clampWidth, type GridColumn } from '../grid-columns';

/** Column sizing and order: where each column sits, a resize as it is dragged, a column dropped elsewhere. */
export interface ColumnLayout {
  /** Width of each column; the one being resized at its dragged width. */
  widths: number[];
  /** Left edge of each column, then the right edge of the last; the pinned name is column 0. */
  lefts: number[];
  totalWidth: number;
  pinnedWidth: number;
  startResize: (event: PointerEvent<HTMLDivElement>, col: number) => void;
  drop: (event: DragEvent<HTMLDivElement>, col: number) => void;
}

export function useColumnLayout(
  columns: GridColumn[],
  widths: number[],
  onResize: (column: string, width: number) => void,
  onMove: (column: string, before: string | null) => void,
): ColumnLayout {
  const [drag, setDrag] = useState<{ col: number; width: number } | null>(null);
  const shownWidths = useMemo(
    () => widths.map((w, i) => (drag !== null && drag.col === i ? drag.width : w)),
    [widths, drag],
  );
  const lefts = useMemo(() => {
    const out: number[] = [];
    let x = 0;
    for (const w of shownWidths) {
      out.push(x);
      x += w;
    }
    out.push(x);
    return out;
  }, [shownWidths]);

  // The grid redraws while the handle moves; the view learns the width once, when it is let go.
  function startResize(event: PointerEvent<HTMLDivElement>, col: number) {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = shownWidths[col] ?? 100;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    let width = startWidth;
    const onPointerMove = (move: globalThis.PointerEvent) => {
      width = clampWidth(startWidth + move.clientX - startX);
      setDrag({ col, width });
    };
    const onPointerUp = () => {
      handle.removeEventListener('pointermove', onPointerMove);
      handle.removeEventListener('pointerup', onPointerUp);
      setDrag(null);
      const name = columns[col]?.name;
      if (name !== undefined && width !== startWidth) onResize(name, width);
    };
    handle.addEventListener('pointermove', onPointerMove);
    handle.addEventListener('pointerup', onPointerUp);
  }

  // Dropped on a header's right half, the column goes after it; the pinned name never moves.
  function drop(event: DragEvent<HTMLDivElement>, col: number) {
    const moved = event.dataTransfer.getData('text/x-org-column');
    const target = columns[col];
    if (moved === '' || target === undefined || target.name === moved || col === 0) return;
    event.preventDefault();
    const box = event.currentTarget.getBoundingClientRect();
    const after = event.clientX > box.left + box.width / 2;
    const before = after ? (columns[col + 1]?.name ?? null) : target.name;
    onMove(moved, before === moved ? (columns[col + 2]?.name ?? null) : before);
  }

  return {
    widths: shownWidths,
    lefts,
    totalWidth: lefts[lefts.length - 1] ?? 0,
    pinnedWidth: shownWidths[0] ?? 0,
    startResize,
    drop,
  };
}
