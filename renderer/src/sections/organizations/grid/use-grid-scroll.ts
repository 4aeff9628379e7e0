import { useVirtualizer, type Range, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import {
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import type { GridColumn } from '../grid-columns';
import type { RowBlocks } from '../row-blocks';
import type { ColumnLayout } from './use-column-layout';
import type { Cell } from './keys';
import { drawnSpan, drawReach, spanWithin, withSpan } from './draw-ahead';
import { HEADER_HEIGHT, ROW_HEIGHT } from './metrics';
import { revealOffset, scrollGeometry, toReal, toVirtual, type ScrollGeometry } from './scaled-scroll';

/**
 * The scroll offset along one axis, reported only when it moved: a scroll along the other axis
 * redraws nothing here. The columns listen in the capture phase, which runs first, so that their read
 * of scrollLeft comes before the rows redraw; read after, it would force a layout of the new rows in
 * the middle of the event, and the frame would lay them out again.
 */
function observeAxis(read: (element: HTMLElement) => number, capture: boolean) {
  return (
    instance: Virtualizer<HTMLDivElement, Element>,
    cb: (offset: number, isScrolling: boolean) => void,
  ) => {
    const element = instance.scrollElement;
    if (element === null) return;
    let last = read(element);
    let timer = 0;
    const onScroll = () => {
      const offset = read(element);
      if (offset === last) return;
      last = offset;
      cb(offset, true);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => cb(read(element), false), 150);
    };
    cb(last, false);
    element.addEventListener('scroll', onScroll, { passive: true, capture });
    return () => {
      element.removeEventListener('scroll', onScroll, { capture });
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

type Scroller = RefObject<HTMLDivElement | null>;

/** Rows drawn beyond those in sight on either side. */
const ROW_OVERSCAN = 4;

/** The rows on screen, in a scroll area compressed when every row would not fit a browser's height. */
function useRowWindow(scroller: Scroller, total: number, activeRow: number) {
  const [viewport, setViewport] = useState(600);
  const geometry = useMemo(
    () => scrollGeometry(HEADER_HEIGHT + total * ROW_HEIGHT, viewport),
    [total, viewport],
  );
  const geometryRef = useRef(geometry);
  useLayoutEffect(() => {
    geometryRef.current = geometry;
  }, [geometry]);
  // Offsets in virtual pixels, so that the row virtualizer never sees the compression.
  const observeOffset = useMemo(
    () => observeAxis((element) => toVirtual(element.scrollTop, geometryRef.current), false),
    [],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- read afresh each render, never memoized
  const rows = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    overscan: ROW_OVERSCAN,
    observeElementOffset: observeOffset,
    scrollToFn: (offset, _options, instance) => {
      instance.scrollElement?.scrollTo({ top: toReal(offset, geometryRef.current) });
    },
    rangeExtractor: useMemo(() => withIndex(activeRow), [activeRow]),
  });
  const rect = rows.scrollRect;
  useEffect(() => {
    if (rect && rect.height !== viewport) setViewport(rect.height);
  }, [rect, viewport]);

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
  }, [scroller, geometry.scale]);

  return { rows, geometry, viewport };
}

const observeLeft = observeAxis((element) => element.scrollLeft, true);

/** The columns on screen besides the pinned name, as one stable array per set, so that unchanged rows skip rendering. */
function useColumnWindow(scroller: Scroller, columns: GridColumn[], layout: ColumnLayout, activeCol: number) {
  // eslint-disable-next-line react-hooks/incompatible-library -- read afresh each render, never memoized
  const cols = useVirtualizer({
    horizontal: true,
    count: Math.max(0, columns.length - 1),
    getScrollElement: () => scroller.current,
    estimateSize: (i) => layout.widths[i + 1] ?? 100,
    getItemKey: (i) => columns[i + 1]?.name ?? i,
    paddingStart: layout.pinnedWidth,
    overscan: 2,
    observeElementOffset: observeLeft,
    rangeExtractor: useMemo(() => withIndex(activeCol - 1), [activeCol]),
  });
  useEffect(() => cols.measure(), [cols, layout.widths, columns]);
  const key = cols
    .getVirtualItems()
    .map((item) => item.index + 1)
    .join(',');
  return useMemo(() => key.split(',').filter(Boolean).map(Number), [key]);
}

export interface GridScroll {
  rowItems: VirtualItem[];
  /** Visible columns by index, the pinned name (0) left out. */
  shownCols: number[];
  /** The virtual offset of the rows and the compression that maps it to the real scroll area. */
  offset: number;
  geometry: ScrollGeometry;
  /** Rows PageUp and PageDown move by. */
  pageRows: number;
  /** Whether every visible row has arrived. */
  loaded: boolean;
  /** The first and last rows at least partly in sight below the header. */
  inSight: { first: number; last: number };
}

interface Options {
  scroller: Scroller;
  total: number;
  columns: GridColumn[];
  layout: ColumnLayout;
  blocks: RowBlocks;
  /** Bumped when rows arrive. */
  version: number;
  active: Cell;
}

/** Scrolling: which rows and columns are drawn, and which row blocks are read. */
export function useGridScroll({
  scroller,
  total,
  columns,
  layout,
  blocks,
  version,
  active,
}: Options): GridScroll {
  const { rows, geometry, viewport } = useRowWindow(scroller, total, active.row);
  const shownCols = useColumnWindow(scroller, columns, layout, active.col);
  const lastOffset = useRef(0);
  const offset = rows.scrollOffset ?? 0;
  const first = rows.range?.startIndex ?? 0;
  const last = rows.range?.endIndex ?? 0;
  // Which rows to read: the visible ones now, and the next block in the direction of travel.
  useEffect(() => {
    const direction = offset >= lastOffset.current ? 1 : -1;
    lastOffset.current = offset;
    if (total > 0) blocks.show(first, last, direction);
    // Again when rows arrive, so that the block ahead is read once the screen is whole.
  }, [blocks, first, last, offset, total, version]);

  // The screen ahead is drawn after the frame that shows this one (a deferred render, in the time
  // between frames), and what was drawn stays until then: a scroll into rows already drawn paints
  // without adding a row to the document. A drag draws none ahead: the thumb passes them unseen.
  const [direction, setDirection] = useState<1 | -1>(1);
  const travel = rows.scrollDirection === null ? direction : rows.scrollDirection === 'forward' ? 1 : -1;
  if (travel !== direction) setDirection(travel);
  // The next screen's own overscan with it: none of its rows is added when it is scrolled to.
  // Nor does a jump of more than a screen (a drag's step, a jump to a row): the rows ahead are drawn
  // again once the place moves on by less. Drawn after each of a drag's steps, they made its blank
  // stretches longer (bench:ui at a million: up to 616 ms against 33–83 ms without).
  const [place, setPlace] = useState({ first, jumped: false });
  if (place.first !== first) setPlace({ first, jumped: Math.abs(first - place.first) > last - first + 1 });
  const reach = blocks.dragging() || place.jumped ? 0 : drawReach(viewport, geometry.scale) + ROW_OVERSCAN;
  // Only rows that have arrived: a placeholder drawn ahead would be drawn again when its block comes.
  const wanted = drawnSpan(first, last, travel, reach, total);
  const drawn = spanWithin(
    {
      from: useDeferredValue(blocks.arrivedUntil(first, wanted.from)),
      to: useDeferredValue(blocks.arrivedUntil(last, wanted.to)),
    },
    wanted,
  );

  // A drag faster than the reads shows the nearest rows that arrived, in the places of the rows under
  // the thumb (each with its own row number), until those arrive.
  const shift = total > 0 ? blocks.shownFrom(first, last) - first : 0;
  const items = rows.getVirtualItems();
  return {
    rowItems:
      shift === 0
        ? withSpan(items, { from: drawn.from, to: Math.min(drawn.to, total - 1) })
        : items.map((item) => (item.index === active.row ? item : { ...item, index: item.index + shift })),
    shownCols,
    offset,
    geometry,
    pageRows: Math.max(1, Math.floor((viewport - HEADER_HEIGHT) / ROW_HEIGHT) - 1),
    loaded: total === 0 || blocks.has(first + shift, Math.min(last + shift, total - 1)),
    inSight: {
      first: Math.min(Math.floor(offset / ROW_HEIGHT) + shift, total - 1),
      last: Math.min(Math.ceil((offset + viewport - HEADER_HEIGHT) / ROW_HEIGHT) - 1 + shift, total - 1),
    },
  };
}

/** Scrolls just enough to show a cell; the header row and the pinned column are always shown. */
export function revealCell(
  element: HTMLElement,
  cell: Cell,
  geometry: ScrollGeometry,
  layout: ColumnLayout,
): void {
  if (cell.row >= 0) {
    const top = HEADER_HEIGHT + cell.row * ROW_HEIGHT;
    const now = toVirtual(element.scrollTop, geometry);
    const to = revealOffset(top, top + ROW_HEIGHT, now, element.clientHeight, HEADER_HEIGHT);
    if (to !== null) element.scrollTop = toReal(to, geometry);
  }
  if (cell.col >= 1) {
    const left = layout.lefts[cell.col] ?? 0;
    const right = layout.lefts[cell.col + 1] ?? left;
    if (left < element.scrollLeft + layout.pinnedWidth) element.scrollLeft = left - layout.pinnedWidth;
    else if (right > element.scrollLeft + element.clientWidth)
      element.scrollLeft = right - element.clientWidth;
  }
}
