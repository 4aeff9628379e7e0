/** A cell of the grid: row -1 is the header row, column 0 the pinned name. */
export interface Cell {
  row: number;
  col: number;
}

export interface Bounds {
  /** Data rows. */
  rows: number;
  cols: number;
  /** Rows that fit on one screen, for PageUp and PageDown. */
  page: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Where a navigation key moves the focused cell, as in a spreadsheet: arrows by one, Home/End to the
 * row's ends (with Ctrl, to the first or last row), PageUp/PageDown by a screen. Null for other keys.
 */
export function nextCell(key: string, ctrl: boolean, at: Cell, bounds: Bounds): Cell | null {
  const lastRow = bounds.rows - 1;
  const lastCol = bounds.cols - 1;
  const row = (r: number) => clamp(r, -1, Math.max(-1, lastRow));
  switch (key) {
    case 'ArrowUp':
      return { row: row(at.row - 1), col: at.col };
    case 'ArrowDown':
      return { row: row(at.row + 1), col: at.col };
    case 'ArrowLeft':
      return { row: at.row, col: clamp(at.col - 1, 0, lastCol) };
    case 'ArrowRight':
      return { row: at.row, col: clamp(at.col + 1, 0, lastCol) };
    case 'Home':
      return ctrl ? { row: row(0), col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: row(lastRow), col: lastCol } : { row: at.row, col: lastCol };
    case 'PageUp':
      return { row: row(Math.max(0, at.row - bounds.page)), col: at.col };
    case 'PageDown':
      return { row: row(at.row + bounds.page), col: at.col };
    default:
      return null;
  }
}

export interface CellRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The rectangle two cells span (data rows only). */
export function rangeOf(a: Cell, b: Cell): CellRange {
  return {
    top: Math.max(0, Math.min(a.row, b.row)),
    bottom: Math.max(0, a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
}

export function inRange(range: CellRange | null, row: number, col: number): boolean {
  return range !== null && row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
}

/**
 * Tab-separated values as spreadsheets paste them: a field holding a tab, a line break or a quote
 * is quoted, with quotes doubled.
 */
export function toTsv(rows: string[][]): string {
  const field = (text: string) => (/[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(field).join('\t')).join('\n');
}
