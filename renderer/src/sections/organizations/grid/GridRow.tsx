import { memo, type ReactNode } from 'react';
import type { OrgRow } from '../../../../../shared/domain';
import type { GridColumn } from '../grid-columns';
import { showValue } from './cell-format';
import { inRange, type CellRange } from './keys';
import { cellId } from './metrics';

interface Props {
  index: number;
  top: number;
  /** Undefined until its block arrives: the cells show as loading (and those of columns it lacks). */
  row: OrgRow | undefined;
  columns: GridColumn[];
  shownCols: number[];
  lefts: number[];
  widths: number[];
  /** The active cell's column when it is in this row, else -1. */
  activeCol: number;
  selection: CellRange | null;
  width: number;
  /** The editor of the cell being edited in this row (its column is editCol). */
  editor: ReactNode;
  editCol: number;
  /** Whether the row's number shows beside the name. */
  numbered: boolean;
}

/** One data row: the pinned name, then the visible columns; redrawn only when one of its props changes. */
export const GridRow = memo(function GridRow({
  index,
  top,
  row,
  columns,
  shownCols,
  lefts,
  widths,
  activeCol,
  selection,
  width,
  editor,
  editCol,
  numbered,
}: Props) {
  const cell = (col: number) => {
    const column = columns[col];
    if (column === undefined) return null;
    // A column shown since the row was read is loading until its block is read again.
    const shown = row === undefined || !(column.name in row) ? null : showValue(column, row[column.name]);
    const selected = inRange(selection, index, col);
    const style = col === 0 ? { width: widths[0] } : { left: lefts[col], width: widths[col] };
    if (editor !== null && col === editCol) {
      return (
        <div
          key={column.name}
          role="gridcell"
          aria-colindex={col + 1}
          data-cell={`${index}:${col}`}
          data-column={column.name}
          className={`og-cell og-editing${col === 0 ? ' og-pinned' : ''}`}
          style={style}
        >
          {editor}
        </div>
      );
    }
    return (
      <div
        key={column.name}
        id={cellId(index, col)}
        role="gridcell"
        aria-colindex={col + 1}
        aria-selected={selected || activeCol === col}
        tabIndex={activeCol === col ? 0 : -1}
        data-cell={`${index}:${col}`}
        data-column={column.name}
        className={`og-cell${col === 0 ? ' og-pinned' : ''}${selected ? ' og-selected' : ''} og-${shown?.kind ?? 'loading'}`}
        style={style}
        title={shown === null ? undefined : (shown.full ?? (shown.text.length > 24 ? shown.text : undefined))}
      >
        {col === 0 && numbered && (
          <span className="og-row-number" aria-hidden>
            {(index + 1).toLocaleString('en-US')}
          </span>
        )}
        {shown === null ? '' : col === 0 ? <span data-open>{shown.text}</span> : shown.text}
      </div>
    );
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`og-row${index % 2 === 1 ? ' og-odd' : ''}`}
      style={{ transform: `translateY(${top}px)`, width }}
    >
      {cell(0)}
      {shownCols.map((col) => cell(col))}
    </div>
  );
});
