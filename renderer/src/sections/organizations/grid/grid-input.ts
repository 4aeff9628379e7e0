import type { KeyboardEvent, MouseEvent } from 'react';
import type { OrgRow } from '../../../../../shared/domain';
import { pinnedColumn, type GridColumn } from '../grid-columns';
import type { RowBlocks } from '../row-blocks';
import { copyCells } from './copy-cells';
import type { CopyOptions } from './copy-text';
import { nextCell, type Cell, type CellRange } from './keys';

/** What the grid's keys and clicks act on. */
export interface InputTarget {
  columns: GridColumn[];
  total: number;
  blocks: RowBlocks;
  active: Cell;
  selection: CellRange | null;
  pageRows: number;
  /** The column whose menu is open; keys typed into it belong to the menu. */
  menuFor: string | null;
  openMenu: (column: string) => void;
  moveTo: (cell: Cell, extend: boolean) => void;
  clearSelection: () => void;
  onSort: (column: string) => void;
  onOpen: (row: OrgRow, index: number) => void;
  onCopy: (text: string, what: string) => void;
  copyOptions: CopyOptions;
  /** Starts editing a cell in place; false when the cell is not one a person edits. */
  edit: (cell: Cell) => boolean;
  /** Asks to delete the selected rows (or the active one). */
  remove: () => void;
}

async function copy(target: InputTarget): Promise<void> {
  const { active, selection, total } = target;
  if (total === 0) return;
  const area = selection ?? { top: active.row, bottom: active.row, left: active.col, right: active.col };
  if (area.top < 0) return;
  const copied = await copyCells(area, target.blocks, target.columns, target.copyOptions);
  if (copied !== null) target.onCopy(copied.text, copied.what);
}

/** Keys on a header cell: Enter or Space sorts, the context-menu keys open the column's menu. */
function onHeaderKey(event: KeyboardEvent<HTMLDivElement>, target: InputTarget, column: GridColumn): boolean {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    target.onSort(column.name);
    return true;
  }
  if (
    event.key === 'ContextMenu' ||
    (event.shiftKey && event.key === 'F10') ||
    (event.altKey && event.key === 'ArrowDown')
  ) {
    event.preventDefault();
    target.openMenu(column.name);
    return true;
  }
  return false;
}

/** The grid's keyboard, as in a spreadsheet: move, extend, copy, sort, open a row. */
export function gridKeyDown(event: KeyboardEvent<HTMLDivElement>, target: InputTarget): void {
  const { active, columns, blocks } = target;
  if (target.menuFor !== null) return;
  const ctrl = event.ctrlKey || event.metaKey;
  const column = columns[active.col];
  if (ctrl && event.key.toLowerCase() === 'c') {
    event.preventDefault();
    void copy(target);
    return;
  }
  if (active.row === -1 && column !== undefined && onHeaderKey(event, target, column)) return;
  // F2 edits any editable cell; Enter edits one too, except the name, which opens its row.
  const editKey = event.key === 'F2' || (event.key === 'Enter' && active.col !== 0 && !event.shiftKey);
  if (editKey && active.row >= 0 && target.edit(active)) {
    event.preventDefault();
    return;
  }
  if (event.key === 'Delete' && active.row >= 0) {
    event.preventDefault();
    target.remove();
    return;
  }
  if (event.key === 'Enter' && active.row >= 0) {
    const row = blocks.rowAt(active.row);
    if (row !== undefined) {
      event.preventDefault();
      target.onOpen(row, active.row);
    }
    return;
  }
  if (event.key === 'Escape' && target.selection !== null) {
    event.preventDefault();
    target.clearSelection();
    return;
  }
  const bounds = { rows: target.total, cols: columns.length, page: target.pageRows };
  const next = nextCell(event.key, ctrl, active, bounds);
  if (next !== null) {
    event.preventDefault();
    target.moveTo(next, event.shiftKey);
  }
}

function cellAt(target: EventTarget): Cell | null {
  const element = (target as HTMLElement).closest<HTMLElement>('[data-cell]');
  if (element === null) return null;
  const [row, col] = (element.dataset.cell ?? '').split(':').map(Number);
  return row === undefined || col === undefined ? null : { row, col };
}

/** A press makes a cell active (Shift extends the selection); the header's resize and menu keep theirs. */
export function gridMouseDown(event: MouseEvent<HTMLDivElement>, target: InputTarget): void {
  if ((event.target as HTMLElement).closest('button, [role="separator"]') !== null) return;
  const cell = cellAt(event.target);
  if (cell !== null) target.moveTo(cell, event.shiftKey);
}

/**
 * A click on a header's label sorts; on a row's name it opens the row; a double click edits an
 * editable cell and opens the row from any other.
 */
export function gridClick(event: MouseEvent<HTMLDivElement>, target: InputTarget): void {
  const element = event.target as HTMLElement;
  const cell = cellAt(element);
  if (cell === null) return;
  if (cell.row === -1) {
    if (element.closest('[data-sort]') !== null)
      target.onSort(target.columns[cell.col]?.name ?? pinnedColumn);
    return;
  }
  if (event.detail === 2 && element.closest('[data-open]') === null && target.edit(cell)) return;
  if (element.closest('[data-open]') !== null || event.detail === 2) {
    const row = target.blocks.rowAt(cell.row);
    if (row !== undefined) target.onOpen(row, cell.row);
  }
}
