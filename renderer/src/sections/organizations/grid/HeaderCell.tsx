import { IconArrowDown, IconArrowUp, IconClockHour4 } from '@tabler/icons-react';
import { memo, useState, type DragEvent, type PointerEvent } from 'react';
import { clampWidth, type GridColumn } from '../grid-columns';
import { ColumnMenu, type ColumnAction } from './ColumnMenu';
import { cellId } from './metrics';

/** What a header cell asks of the grid; one stable object, so that header cells redraw only when they change. */
export interface HeaderEvents {
  setMenu: (column: string | null) => void;
  menuClosed: (col: number) => void;
  action: (column: string, action: ColumnAction) => void;
  resizeStart: (event: PointerEvent<HTMLDivElement>, col: number) => void;
  resize: (column: string, width: number) => void;
  drop: (event: DragEvent<HTMLDivElement>, col: number) => void;
}

interface Props {
  column: GridColumn;
  col: number;
  lastCol: number;
  left: number;
  width: number;
  sorted: boolean;
  dir: 'asc' | 'desc';
  isActive: boolean;
  menuOpen: boolean;
  events: HeaderEvents;
}

/** A column dropped on a head's right half goes after it (use-column-layout.ts), else before it. */
function dropSideOf(event: DragEvent<HTMLDivElement>): 'before' | 'after' {
  const box = event.currentTarget.getBoundingClientRect();
  return event.clientX > box.left + box.width / 2 ? 'after' : 'before';
}

/** One column's head: its label sorts, it drags to move, its edge resizes, its menu does the rest. */
export const HeaderCell = memo(function HeaderCell({
  column,
  col,
  lastCol,
  left,
  width,
  sorted,
  dir,
  isActive,
  menuOpen,
  events,
}: Props) {
  const Arrow = dir === 'asc' ? IconArrowUp : IconArrowDown;
  // Where a dragged column would land: a bar on this head's left or right edge.
  const [dropSide, setDropSide] = useState<'before' | 'after' | null>(null);
  return (
    <div
      id={cellId(-1, col)}
      role="columnheader"
      aria-colindex={col + 1}
      aria-sort={sorted ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
      aria-description={
        column.sort === 'sorted-once' ? 'no index: the first sort by it sorts every row once' : undefined
      }
      tabIndex={isActive ? 0 : -1}
      data-cell={`-1:${col}`}
      className={`og-head${col === 0 ? ' og-pinned' : ''}${sorted ? ' og-sorted' : ''}`}
      style={col === 0 ? { width } : { left, width }}
      data-drop={dropSide ?? undefined}
      draggable={col > 0}
      onDragStart={(event) => event.dataTransfer.setData('text/x-org-column', column.name)}
      onDragEnter={(event) => col > 0 && setDropSide(dropSideOf(event))}
      onDragOver={(event) => {
        if (col === 0) return;
        event.preventDefault();
        setDropSide(dropSideOf(event));
      }}
      onDragLeave={(event) => {
        // Moving between the head and its label is not leaving the head.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropSide(null);
      }}
      onDrop={(event) => {
        setDropSide(null);
        events.drop(event, col);
      }}
    >
      <span className="og-head-label" data-sort title={`${column.label} (${column.group}): click to sort`}>
        {column.label}
      </span>
      {sorted && <Arrow size={14} aria-hidden className="og-head-icon" />}
      {column.sort === 'sorted-once' && (
        <span
          className="og-head-slow"
          title="No index: the first sort by this column sorts every matching row once (see README)"
        >
          <IconClockHour4 size={13} aria-hidden />
        </span>
      )}
      <ColumnMenu
        column={column}
        col={col}
        lastCol={lastCol}
        opened={menuOpen}
        onOpened={(opened) => events.setMenu(opened ? column.name : null)}
        onClose={() => events.menuClosed(col)}
        onAction={(action) => events.action(column.name, action)}
      />
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${column.label}`}
        className="og-resize"
        onPointerDown={(event) => events.resizeStart(event, col)}
        onDoubleClick={() => events.resize(column.name, clampWidth(column.label.length * 8 + 60))}
      />
    </div>
  );
});
