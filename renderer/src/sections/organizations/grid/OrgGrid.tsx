import { useEffect, useRef, useState } from 'react';
import type { OrgRow, OrgValue } from '../../../../../shared/domain';
import type { FieldSpec } from '../../../../../shared/org-fields';
import type { SaveOutcome } from '../edit/use-org-edit';
import type { GridColumn } from '../grid-columns';
import type { RowBlocks } from '../row-blocks';
import type { ColumnAction } from './ColumnMenu';
import { GridHeader } from './GridHeader';
import { GridRow } from './GridRow';
import { gridClick, gridKeyDown, gridMouseDown, type InputTarget } from './grid-input';
import type { Cell } from './keys';
import { realTop } from './scaled-scroll';
import { useCellEditing } from './use-cell-editing';
import { useColumnLayout } from './use-column-layout';
import { useGridFocus } from './use-grid-focus';
import { revealCell, useGridScroll } from './use-grid-scroll';
import { useRowNumbers } from '../view-state';
import type { RowPosition } from '../row-position';
import { useCopyOptions } from './copy-text';

interface Props {
  columns: GridColumn[];
  /** Width of each of `columns`. */
  widths: number[];
  total: number;
  blocks: RowBlocks;
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
  fields: FieldSpec[];
  onSave: (row: OrgRow, values: Record<string, OrgValue>) => Promise<SaveOutcome>;
  /** Delete pressed on these rows (the selection's, or the active one). */
  onDelete: (rows: OrgRow[]) => void;
  /** Told which rows are in sight as the grid scrolls, and which are selected. */
  position: Pick<RowPosition, 'set' | 'select'>;
}

/**
 * The Organizations grid: one tab stop (role=grid, roving focus), a scrollbar that spans every row
 * of the view, rows and columns drawn only where they are visible, the name pinned on the left.
 */
export function OrgGrid(props: Props) {
  const { columns, total, blocks, version } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const layout = useColumnLayout(columns, props.widths, props.onResize, props.onMove);
  const focus = useGridFocus(total, columns.length);
  const { active, selection } = focus;
  const scroll = useGridScroll({ scroller, total, columns, layout, blocks, version, active });
  const [rowNumbers] = useRowNumbers();
  const [copyOptions] = useCopyOptions();
  const { position } = props;
  const { first, last } = scroll.inSight;
  // Rows are read with the columns on screen (and the pinned name), not the hundred the view has;
  // before the first layout no column is in sight yet.
  const laidOut = scroll.shownCols.length > 0 || columns.length <= 1;
  const columnsInSight = laidOut
    ? [0, ...scroll.shownCols].flatMap((col) => columns[col]?.name ?? []).join(',')
    : '';
  useEffect(() => blocks.need(columnsInSight.split(',').filter(Boolean)), [blocks, columnsInSight]);
  useEffect(() => position.set(first, last), [position, first, last]);
  const top = selection?.top ?? active.row;
  const bottom = selection?.bottom ?? active.row;
  useEffect(() => position.select(top, bottom), [position, top, bottom]);
  const moveTo = (cell: Cell, extend: boolean) => {
    focus.moveTo(cell, extend);
    if (scroller.current !== null) revealCell(scroller.current, cell, scroll.geometry, layout);
  };
  const editing = useCellEditing({
    columns,
    blocks,
    fields: props.fields,
    save: props.onSave,
    focus: (cell) => moveTo(cell, false),
  });

  const input: InputTarget = {
    columns,
    total,
    blocks,
    active,
    selection,
    pageRows: scroll.pageRows,
    menuFor,
    openMenu: setMenuFor,
    moveTo,
    clearSelection: focus.clearSelection,
    onSort: props.onSort,
    onOpen: props.onOpen,
    onCopy: props.onCopy,
    copyOptions,
    edit: editing.start,
    remove: () => {
      const area = selection ?? { top: active.row, bottom: active.row };
      void blocks
        .rows(area.top, area.bottom)
        .then((rows) => rows !== null && rows.length > 0 && props.onDelete(rows));
    },
  };

  return (
    <div
      ref={scroller}
      className="og-scroller"
      role="grid"
      aria-label={props.label}
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-busy={!scroll.loaded}
      data-loading={scroll.loaded ? 'false' : 'true'}
      data-version={version}
      onKeyDown={(event) => gridKeyDown(event, input)}
      onMouseDown={(event) => gridMouseDown(event, input)}
      onClick={(event) => gridClick(event, input)}
    >
      <div className="og-sizer" style={{ width: layout.totalWidth, height: scroll.geometry.realHeight }}>
        <GridHeader
          columns={columns}
          shownCols={scroll.shownCols}
          layout={layout}
          sort={props.sort}
          dir={props.dir}
          activeCol={active.row === -1 ? active.col : -1}
          menuFor={menuFor}
          onMenu={setMenuFor}
          onMenuClosed={focus.focusHeader}
          onColumnAction={props.onColumnAction}
          onResize={props.onResize}
        />
        {/* Rows sit at their virtual tops; one shift of the whole group maps them into the compressed
            scroll area, so that scrolling redraws no row whose contents did not change. */}
        <div
          role="rowgroup"
          className="og-body"
          style={{ transform: `translateY(${realTop(0, scroll.offset, scroll.geometry)}px)` }}
        >
          {scroll.rowItems.map((item) => {
            const inSelection =
              selection !== null && item.index >= selection.top && item.index <= selection.bottom;
            return (
              <GridRow
                key={item.index}
                index={item.index}
                top={item.start}
                row={blocks.rowAt(item.index)}
                columns={columns}
                shownCols={scroll.shownCols}
                lefts={layout.lefts}
                widths={layout.widths}
                activeCol={active.row === item.index ? active.col : -1}
                selection={inSelection ? selection : null}
                width={layout.totalWidth}
                editor={editing.editorFor(item.index)}
                editCol={editing.cell?.row === item.index ? editing.cell.col : -1}
                numbered={rowNumbers}
              />
            );
          })}
        </div>
      </div>
      {total === 0 && <div className="og-empty">No organizations match this view.</div>}
    </div>
  );
}
