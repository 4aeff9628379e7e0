import { useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { GridColumn } from '../grid-columns';
import type { ColumnAction } from './ColumnMenu';
import { HeaderCell, type HeaderEvents } from './HeaderCell';
import type { ColumnLayout } from './use-column-layout';

interface Props {
  columns: GridColumn[];
  shownCols: number[];
  layout: ColumnLayout;
  sort: string;
  dir: 'asc' | 'desc';
  /** The column whose header holds the focus, or -1 when a data cell does. */
  activeCol: number;
  menuFor: string | null;
  onMenu: (column: string | null) => void;
  onMenuClosed: (col: number) => void;
  onColumnAction: (column: string, action: ColumnAction) => void;
  onResize: (column: string, width: number) => void;
}

interface Band {
  group: string;
  left: number;
  width: number;
}

/** Group labels over the visible columns, each spanning its run of adjacent columns. */
function bandsOf(columns: GridColumn[], shownCols: number[], layout: ColumnLayout): Band[] {
  const bands: Band[] = [];
  for (const col of shownCols) {
    const column = columns[col];
    if (column === undefined) continue;
    const last = bands.at(-1);
    const left = layout.lefts[col] ?? 0;
    const width = layout.widths[col] ?? 0;
    if (last !== undefined && last.group === column.group && Math.abs(last.left + last.width - left) < 1)
      last.width += width;
    else bands.push({ group: column.group, left, width });
  }
  return bands;
}

/** The sticky header: a band of group labels over the heads of the pinned name and the visible columns. */
export function GridHeader(props: Props) {
  const { columns, shownCols, layout, sort, dir, activeCol, menuFor } = props;
  // Header cells get one stable set of handlers that always reach the latest props.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const events = useMemo<HeaderEvents>(
    () => ({
      setMenu: (column) => latest.current.onMenu(column),
      menuClosed: (col) => latest.current.onMenuClosed(col),
      action: (column, action) => latest.current.onColumnAction(column, action),
      resizeStart: (event, col) => latest.current.layout.startResize(event, col),
      resize: (column, width) => latest.current.onResize(column, width),
      drop: (event, col) => latest.current.layout.drop(event, col),
    }),
    [],
  );

  const head = (col: number) => {
    const column = columns[col];
    if (column === undefined) return null;
    return (
      <HeaderCell
        key={column.name}
        column={column}
        col={col}
        lastCol={columns.length - 1}
        left={layout.lefts[col] ?? 0}
        width={layout.widths[col] ?? 0}
        sorted={sort === column.name}
        dir={dir}
        isActive={activeCol === col}
        menuOpen={menuFor === column.name}
        events={events}
      />
    );
  };

  const { totalWidth } = layout;
  return (
    <div
      className="og-header"
      role="rowgroup"
      style={{ width: totalWidth, '--og-pinned-width': `${layout.pinnedWidth}px` } as CSSProperties}
    >
      <div className="og-bands" aria-hidden style={{ width: totalWidth }}>
        <div className="og-band og-pinned" style={{ width: layout.pinnedWidth }} />
        {bandsOf(columns, shownCols, layout).map((band) => (
          <div
            key={`${band.group}-${band.left}`}
            className="og-band"
            style={{ left: band.left, width: band.width }}
          >
            <span>{band.group}</span>
          </div>
        ))}
      </div>
      <div className="og-head-row" role="row" aria-rowindex={1} style={{ width: totalWidth }}>
        {head(0)}
        {shownCols.map((col) => head(col))}
      </div>
    </div>
  );
}
