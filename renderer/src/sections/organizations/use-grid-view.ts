import { useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Sector } from '../../../../shared/domain';
import type { OrgColumn } from '../../../../shared/org-query';
import { call } from '../../api/bridge';
import type { ColumnAction } from './grid/ColumnMenu';
import { defaultWidth, gridColumns, pinnedColumn } from './grid-columns';
import { useRowPositionStore } from './row-position';
import {
  moveColumn,
  orderedColumns,
  selectionOf,
  showColumns,
  useCurrentView,
  visibleColumns,
  type GridView,
} from './view-state';

/**
 * The grid's current view and its columns as the database describes them: every column in the
 * view's order, the visible ones with their widths, and the changes a header or menu asks for.
 */
export function useGridView(sectors: Sector[]) {
  const [described, setDescribed] = useState<OrgColumn[] | null>(null);
  const [view, setView] = useCurrentView();
  const position = useRowPositionStore();
  useEffect(() => {
    void call('orgs:columns', {}).then(setDescribed);
  }, []);

  const columns = useMemo(() => gridColumns(described ?? [], sectors), [described, sectors]);
  const ordered = useMemo(() => orderedColumns(columns, view), [columns, view]);
  const visible = useMemo(() => visibleColumns(columns, view), [columns, view]);
  const theme = useMantineTheme();
  const narrow = !useMediaQuery(`(min-width: ${theme.breakpoints.lg})`, true);
  const widths = useMemo(
    () => visible.map((c) => view.widths[c.name] ?? defaultWidth(c, narrow)),
    [visible, view.widths, narrow],
  );
  const selection = useMemo(() => selectionOf(view), [view]);
  const change = useCallback((next: Partial<GridView>) => setView({ ...view, ...next }), [view, setView]);

  function sortBy(column: string, dir?: 'asc' | 'desc') {
    change({ sort: column, dir: dir ?? (view.sort === column && view.dir === 'asc' ? 'desc' : 'asc') });
  }

  /** Every menu action but filtering, which opens a dialog the caller owns. */
  function columnAction(column: string, action: Exclude<ColumnAction, 'filter'>) {
    if (action === 'asc' || action === 'desc') return sortBy(column, action);
    if (action === 'hide') return change(showColumns(view, [{ name: column, focus_group_id: null }], false));
    const names = visible.map((c) => c.name);
    const at = names.indexOf(column);
    const before = action === 'left' ? names[at - 1] : names[at + 2];
    if (action === 'left' && (before === undefined || before === pinnedColumn)) return;
    change({ order: moveColumn(columns, view, column, before ?? null) });
  }

  return {
    /** Null until the database has described its columns. */
    described,
    /** Which rows are in sight. */
    position,
    view,
    setView,
    change,
    columns,
    ordered,
    visible,
    widths,
    selection,
    sortBy,
    columnAction,
    move: (column: string, before: string | null) =>
      change({ order: moveColumn(columns, view, column, before) }),
  };
}

export type GridViewState = ReturnType<typeof useGridView>;
