import { ActionIcon, Menu } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowLeft,
  IconArrowRight,
  IconArrowUp,
  IconClockHour4,
  IconDotsVertical,
  IconEyeOff,
  IconFilter,
  IconSortAscending,
  IconSortDescending,
} from '@tabler/icons-react';
import { useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import type { OrgRow } from '../../../../../shared/domain';
import { cellText } from '../cell-text';
import { clampWidth, pinnedColumn, type GridColumn } from '../grid-columns';
import type { RowBlocks } from '../row-blocks';
import { showValue } from './cell-format';
import { inRange, nextCell, rangeOf, toTsv, type Cell, type CellRange } from './keys';
import {
  realTop,
  revealOffset,
  scrollGeometry,
  toReal,
  toVirtual,
  type ScrollGeometry,
} from './scaled-scroll';

export const ROW_HEIGHT = 32;
const BAND_HEIGHT = 22;
const HEAD_HEIGHT = 40;
const HEADER = BAND_HEIGHT + HEAD_HEIGHT;
/** The most rows one Ctrl+C copies. */
export const COPY_LIMIT = 10_000;

export type ColumnAction = 'asc' | 'desc' | 'filter' | 'hide' | 'left' | 'right';

interface Props {
  columns: GridColumn[];
  /** Width of each of `columns`. */
  widths: number[];
  total: number;
  store: RowBlocks;
  /** Bumped when rows arrive. */
  version: number;
  sort: string;
  dir: 'asc' | 'desc';
  label: string;
  onSort: (column: string) => void;
  onColumnAction: (column: string, action: ColumnAction) => void;
  onResize: (column: string, width: number) => void;
  onMove: (column: string, before: string | null) => void;
  onOpen: (row: OrgRow, index: number) => void;
  onCopy: (text: string, what: string) => void;
}

const cellId = (row: number, col: number) => `og-cell-${row}-${col}`;

/** Scroll offsets reported in virtual pixels, so that the row virtualizer never sees the compression. */
function observeScaledOffset(geometry: () => ScrollGeometry) {
  return (
    instance: Virtualizer<HTMLDivElement, Element>,
    cb: (offset: number, isScrolling: boolean) => void,
  ) => {
    const element = instance.scrollElement;
    if (element === null) return;
    let timer = 0;
    const report = (scrolling: boolean) => cb(toVirtual(element.scrollTop, geometry()), scrolling);
    const onScroll = () => {
      report(true);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => report(false), 150);
    };
    report(false);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      element.removeEventListener('scroll', onScroll);
      window.clearTimeout(timer);
    };
  };
}

/** Keeps `extra` rendered beside the visible range (the focused cell must exist to hold focus). */
function withIndex(extra: number) {
  return (range: Range) => {
    const indexes: number[] = [];
    const start = Math.max(0, range.startIndex - range.overscan);
    const end = Math.min(range.count - 1, range.endIndex + range.overscan);
    for (let i = start; i <= end; i++) indexes.push(i);
    if (extra >= 0 && extra < range.count && (extra < start || extra > end)) indexes.push(extra);
    return indexes;
  };
}

/**
 * The Organizations grid: one tab stop (role=grid, roving focus), a scrollbar that spans every row
 * of the view, rows and columns drawn only where they are visible, the name pinned on the left.
 */
export function OrgGrid(props: Props) {
  const { columns, widths, total, store, version, sort, dir } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<Cell | null>(null);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ col: number; width: number } | null>(null);
  const wantFocus = useRef(false);
  const lastOffset = useRef(0);

  const shownWidths = useMemo(
    () => widths.map((w, i) => (drag !== null && drag.col === i ? drag.width : w)),
    [widths, drag],
  );
  // Left edge of every column; the pinned name is column 0.
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
  const totalWidth = lefts[lefts.length - 1] ?? 0;
  const pinnedWidth = shownWidths[0] ?? 0;

  const [viewport, setViewport] = useState(600);
  const geometry = useMemo(() => scrollGeometry(HEADER + total * ROW_HEIGHT, viewport), [total, viewport]);
  const geometryRef = useRef(geometry);
  useLayoutEffect(() => {
    geometryRef.current = geometry;
  }, [geometry]);
  const observeOffset = useMemo(() => observeScaledOffset(() => geometryRef.current), []);

  // eslint-disable-next-line react-hooks/incompatible-library -- read afresh each render, never memoized
  const rows = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER,
    overscan: 4,
    observeElementOffset: observeOffset,
    scrollToFn: (offset, _options, instance) => {
      instance.scrollElement?.scrollTo({ top: toReal(offset, geometryRef.current) });
    },
    rangeExtractor: useMemo(() => withIndex(active.row), [active.row]),
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: Math.max(0, columns.length - 1),
    getScrollElement: () => scroller.current,
    estimateSize: (i) => shownWidths[i + 1] ?? 100,
    getItemKey: (i) => columns[i + 1]?.name ?? i,
    paddingStart: pinnedWidth,
    overscan: 2,
    rangeExtractor: useMemo(() => withIndex(active.col - 1), [active.col]),
  });
  useEffect(() => cols.measure(), [cols, shownWidths, columns]);

  const rect = rows.scrollRect;
  useEffect(() => {
    if (rect && rect.height !== viewport) setViewport(rect.height);
  }, [rect, viewport]);

  const offset = rows.scrollOffset ?? 0;
  const range = rows.range;
  const first = range?.startIndex ?? 0;
  const last = range?.endIndex ?? 0;
  // Which rows to read: the visible ones now, and the next block in the direction of travel.
  useEffect(() => {
    const direction = offset >= lastOffset.current ? 1 : -1;
    lastOffset.current = offset;
    if (total > 0) store.show(first, last, direction);
    // Again when rows arrive, so that the block ahead is read once the screen is whole.
  }, [store, first, last, offset, total, version]);

  const visibleCols = cols.getVirtualItems().map((item) => item.index + 1);
  const colsKey = visibleCols.join(',');
  // A stable array per set of visible columns, so that unchanged rows skip rendering.
  const shownCols = useMemo(() => colsKey.split(',').filter(Boolean).map(Number), [colsKey]);
  const selection: CellRange | null = anchor === null ? null : rangeOf(anchor, active);
  const pageRows = Math.max(1, Math.floor((viewport - HEADER) / ROW_HEIGHT) - 1);
  const loaded = total === 0 || store.has(first, Math.min(last, total - 1));

  const reveal = useCallback(
    (cell: Cell) => {
      const element = scroller.current;
      if (element === null) return;
      if (cell.row >= 0) {
        const top = HEADER + cell.row * ROW_HEIGHT;
        const now = toVirtual(element.scrollTop, geometryRef.current);
        const to = revealOffset(top, top + ROW_HEIGHT, now, element.clientHeight, HEADER);
        if (to !== null) element.scrollTop = toReal(to, geometryRef.current);
      }
      if (cell.col >= 1) {
        const left = lefts[cell.col] ?? 0;
        const right = lefts[cell.col + 1] ?? left;
        if (left < element.scrollLeft + pinnedWidth) element.scrollLeft = left - pinnedWidth;
        else if (right > element.scrollLeft + element.clientWidth)
          element.scrollLeft = right - element.clientWidth;
      } else if (cell.col === 0) {
        // The pinned column is always in view.
      }
    },
    [lefts, pinnedWidth],
  );

  const moveTo = useCallback(
    (cell: Cell, extend: boolean) => {
      setAnchor((current) => (extend && cell.row >= 0 ? (current ?? active) : null));
      setActive(cell);
      wantFocus.current = true;
      reveal(cell);
    },
    [active, reveal],
  );

  // Focus follows the active cell once it is rendered (it may have just scrolled into view).
  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    const element = document.getElementById(cellId(active.row, active.col));
    if (element !== null) {
      element.focus({ preventScroll: true });
      wantFocus.current = false;
    }
  });

  // A new view (fewer rows or columns) must not leave the focus outside the grid.
  useEffect(() => {
    setActive((cell) => ({
      row: Math.min(cell.row, Math.max(0, total - 1)),
      col: Math.min(cell.col, Math.max(0, columns.length - 1)),
    }));
  }, [total, columns.length]);

  async function copy() {
    if (total === 0) return;
    const area = selection ?? { top: active.row, bottom: active.row, left: active.col, right: active.col };
    if (area.top < 0) return;
    const count = area.bottom - area.top + 1;
    if (count > COPY_LIMIT) {
      props.onCopy('', `Select at most ${COPY_LIMIT.toLocaleString()} rows to copy`);
      return;
    }
    const data = await store.rows(area.top, area.bottom);
    if (data === null) return;
    const names = columns.slice(area.left, area.right + 1).map((c) => c.name);
    const text = toTsv(data.map((row) => names.map((name) => cellText(row[name] ?? null))));
    const what =
      count === 1 && names.length === 1
        ? (columns[area.left]?.label ?? 'cell')
        : `${count.toLocaleString()} ${count === 1 ? 'row' : 'rows'} × ${names.length} ${names.length === 1 ? 'column' : 'columns'}`;
    props.onCopy(text, what);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys typed into an open column menu belong to the menu.
    if (menuFor !== null) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const column = columns[active.col];
    if (ctrl && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      void copy();
      return;
    }
    if (active.row === -1 && column !== undefined) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        props.onSort(column.name);
        return;
      }
      if (
        event.key === 'ContextMenu' ||
        (event.shiftKey && event.key === 'F10') ||
        (event.altKey && event.key === 'ArrowDown')
      ) {
        event.preventDefault();
        setMenuFor(column.name);
        return;
      }
    }
    if (event.key === 'Enter' && active.row >= 0) {
      const row = store.rowAt(active.row);
      if (row !== undefined) {
        event.preventDefault();
        props.onOpen(row, active.row);
      }
      return;
    }
    if (event.key === 'Escape' && anchor !== null) {
      event.preventDefault();
      setAnchor(null);
      return;
    }
    const next = nextCell(event.key, ctrl, active, { rows: total, cols: columns.length, page: pageRows });
    if (next !== null) {
      event.preventDefault();
      moveTo(next, event.shiftKey);
    }
  }

  function cellAt(target: EventTarget): Cell | null {
    const element = (target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (element === null) return null;
    const [row, col] = (element.dataset.cell ?? '').split(':').map(Number);
    return row === undefined || col === undefined ? null : { row, col };
  }

  function onMouseDown(event: MouseEvent<HTMLDivElement>) {
    if ((event.target as HTMLElement).closest('button, [role="separator"]') !== null) return;
    const cell = cellAt(event.target);
    if (cell === null) return;
    moveTo(cell, event.shiftKey);
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const cell = cellAt(target);
    if (cell === null) return;
    if (cell.row === -1) {
      if (target.closest('[data-sort]') !== null) props.onSort(columns[cell.col]?.name ?? pinnedColumn);
      return;
    }
    if (target.closest('[data-open]') !== null || event.detail === 2) {
      const row = store.rowAt(cell.row);
      if (row !== undefined) props.onOpen(row, cell.row);
    }
  }

  // Compressed: the wheel moves the rows as far as the pointer asked, not `scale` times as far.
  useEffect(() => {
    const element = scroller.current;
    if (element === null || geometry.scale === 1) return;
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey) return;
      event.preventDefault();
      const lines = event.deltaMode === 1 ? ROW_HEIGHT : event.deltaMode === 2 ? element.clientHeight : 1;
      element.scrollTop += (event.deltaY * lines) / geometry.scale;
      element.scrollLeft += event.deltaX * lines;
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [geometry.scale]);

  // Header cells get one stable set of handlers that always reach the latest props.
  const latest = useRef({ props, startResize, onDrop });
  useLayoutEffect(() => {
    latest.current = { props, startResize, onDrop };
  });
  const headerEvents = useMemo<HeaderEvents>(
    () => ({
      setMenu: (column) => setMenuFor(column),
      menuClosed: (col) => {
        wantFocus.current = true;
        setActive({ row: -1, col });
      },
      action: (column, action) => latest.current.props.onColumnAction(column, action),
      resizeStart: (event, col) => latest.current.startResize(event, col),
      resize: (column, width) => latest.current.props.onResize(column, width),
      drop: (event, col) => latest.current.onDrop(event, col),
    }),
    [],
  );

  function startResize(event: PointerEvent<HTMLDivElement>, col: number) {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = shownWidths[col] ?? 100;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    let width = startWidth;
    const onMove = (move: globalThis.PointerEvent) => {
      width = clampWidth(startWidth + move.clientX - startX);
      setDrag({ col, width });
    };
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
      setDrag(null);
      const name = columns[col]?.name;
      if (name !== undefined && width !== startWidth) props.onResize(name, width);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
  }

  function onDrop(event: DragEvent<HTMLDivElement>, col: number) {
    const moved = event.dataTransfer.getData('text/x-org-column');
    const target = columns[col];
    if (moved === '' || target === undefined || target.name === moved || col === 0) return;
    event.preventDefault();
    const box = event.currentTarget.getBoundingClientRect();
    const after = event.clientX > box.left + box.width / 2;
    const before = after ? (columns[col + 1]?.name ?? null) : target.name;
    props.onMove(moved, before === moved ? (columns[col + 2]?.name ?? null) : before);
  }

  function header(col: number) {
    const column = columns[col];
    if (column === undefined) return null;
    return (
      <HeaderCell
        key={column.name}
        column={column}
        col={col}
        lastCol={columns.length - 1}
        left={lefts[col] ?? 0}
        width={shownWidths[col] ?? 0}
        sorted={sort === column.name}
        dir={dir}
        isActive={active.row === -1 && active.col === col}
        menuOpen={menuFor === column.name}
        events={headerEvents}
      />
    );
  }

  // Group labels over the visible columns, each spanning its run of columns.
  const bands: { group: string; left: number; width: number }[] = [];
  for (const col of shownCols) {
    const column = columns[col];
    if (column === undefined) continue;
    const last = bands.at(-1);
    const left = lefts[col] ?? 0;
    const width = shownWidths[col] ?? 0;
    if (last !== undefined && last.group === column.group && Math.abs(last.left + last.width - left) < 1)
      last.width += width;
    else bands.push({ group: column.group, left, width });
  }

  return (
    <div
      ref={scroller}
      className="og-scroller"
      role="grid"
      aria-label={props.label}
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-busy={!loaded}
      data-loading={loaded ? 'false' : 'true'}
      data-version={version}
      onKeyDown={onKeyDown}
      onMouseDown={onMouseDown}
      onClick={onClick}
    >
      <div className="og-sizer" style={{ width: totalWidth, height: geometry.realHeight }}>
        <div className="og-header" role="rowgroup" style={{ width: totalWidth }}>
          <div className="og-bands" aria-hidden style={{ width: totalWidth }}>
            <div className="og-band og-pinned" style={{ width: pinnedWidth }} />
            {bands.map((band) => (
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
            {header(0)}
            {shownCols.map((col) => header(col))}
          </div>
        </div>
        {/* Rows sit at their virtual tops; one shift of the whole group maps them into the compressed
            scroll area, so that scrolling redraws no row whose contents did not change. */}
        <div
          role="rowgroup"
          className="og-body"
          style={{ transform: `translateY(${realTop(0, offset, geometry)}px)` }}
        >
          {rows.getVirtualItems().map((item) => {
            const inSelection =
              selection !== null && item.index >= selection.top && item.index <= selection.bottom;
            return (
              <GridRow
                key={item.index}
                index={item.index}
                top={item.start}
                row={store.rowAt(item.index)}
                columns={columns}
                shownCols={shownCols}
                lefts={lefts}
                widths={shownWidths}
                activeCol={active.row === item.index ? active.col : -1}
                selection={inSelection ? selection : null}
                width={totalWidth}
              />
            );
          })}
        </div>
      </div>
      {total === 0 && <div className="og-empty">No organizations match this view.</div>}
    </div>
  );
}

interface RowProps {
  index: number;
  top: number;
  row: OrgRow | undefined;
  columns: GridColumn[];
  shownCols: number[];
  lefts: number[];
  widths: number[];
  activeCol: number;
  selection: CellRange | null;
  width: number;
}

const GridRow = memo(function GridRow({
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
}: RowProps) {
  const cell = (col: number) => {
    const column = columns[col];
    if (column === undefined) return null;
    const shown = row === undefined ? null : showValue(column.name, row[column.name]);
    const selected = inRange(selection, index, col);
    const style = col === 0 ? { width: widths[0] } : { left: lefts[col], width: widths[col] };
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
        title={shown !== null && shown.text.length > 24 ? shown.text : undefined}
      >
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

/** What a header cell asks of the grid; one stable object, so that header cells redraw only when they change. */
interface HeaderEvents {
  setMenu: (column: string | null) => void;
  menuClosed: (col: number) => void;
  action: (column: string, action: ColumnAction) => void;
  resizeStart: (event: PointerEvent<HTMLDivElement>, col: number) => void;
  resize: (column: string, width: number) => void;
  drop: (event: DragEvent<HTMLDivElement>, col: number) => void;
}

interface HeaderProps {
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

const HeaderCell = memo(function HeaderCell({
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
}: HeaderProps) {
  const Arrow = dir === 'asc' ? IconArrowUp : IconArrowDown;
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
      draggable={col > 0}
      onDragStart={(event) => event.dataTransfer.setData('text/x-org-column', column.name)}
      onDragOver={(event) => col > 0 && event.preventDefault()}
      onDrop={(event) => events.drop(event, col)}
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
      <Menu
        opened={menuOpen}
        onChange={(opened) => events.setMenu(opened ? column.name : null)}
        onClose={() => events.menuClosed(col)}
        position="bottom-end"
        withinPortal
      >
        <Menu.Target>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            tabIndex={-1}
            aria-label={`Column menu: ${column.label}`}
            className="og-head-menu"
          >
            <IconDotsVertical size={14} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown aria-label={`${column.label} column`}>
          <Menu.Label>{column.label}</Menu.Label>
          <Menu.Item
            leftSection={<IconSortAscending size={14} />}
            onClick={() => events.action(column.name, 'asc')}
          >
            Sort ascending
          </Menu.Item>
          <Menu.Item
            leftSection={<IconSortDescending size={14} />}
            onClick={() => events.action(column.name, 'desc')}
          >
            Sort descending
          </Menu.Item>
          <Menu.Item
            leftSection={<IconFilter size={14} />}
            onClick={() => events.action(column.name, 'filter')}
          >
            Filter…
          </Menu.Item>
          {col > 0 && (
            <>
              <Menu.Divider />
              <Menu.Item
                leftSection={<IconArrowLeft size={14} />}
                disabled={col === 1}
                onClick={() => events.action(column.name, 'left')}
              >
                Move left
              </Menu.Item>
              <Menu.Item
                leftSection={<IconArrowRight size={14} />}
                disabled={col === lastCol}
                onClick={() => events.action(column.name, 'right')}
              >
                Move right
              </Menu.Item>
              <Menu.Item
                leftSection={<IconEyeOff size={14} />}
                onClick={() => events.action(column.name, 'hide')}
              >
                Hide column
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
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
