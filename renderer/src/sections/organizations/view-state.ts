import { useLocalStorage } from '@mantine/hooks';
import { z } from 'zod';
import {
  columnFilter,
  columnName,
  sectorId,
  orgStatuses,
  type ColumnFilter,
  type OrgSelection,
  type OrgStatus,
} from '../../../../shared/org-query';
import { assessmentInputColumns, pinnedColumn, type GridColumn } from './grid-columns';

/**
 * A view of the grid: which organizations (filter), in which order (sort), and how the columns are
 * laid out. The current view is kept across section switches and restarts, and is in the address
 * (view-url.ts); views saved by name live in the database (use-shared-views.ts).
 */
export interface GridView {
  focus_group_id: string | null;
  status: OrgStatus | null;
  search: string | null;
  where: ColumnFilter[];
  sort: string;
  dir: 'asc' | 'desc';
  /** Column order (the pinned name is always first and not listed). */
  order: string[];
  hidden: string[];
  widths: Record<string, number>;
}

export const defaultView: GridView = {
  focus_group_id: null,
  status: null,
  search: null,
  where: [],
  sort: pinnedColumn,
  dir: 'asc',
  order: [],
  hidden: assessmentInputColumns,
  widths: {},
};

const storedView = z.object({
  focus_group_id: sectorId.nullable().catch(null),
  status: z.enum(orgStatuses).nullable().catch(null),
  search: z.string().max(200).nullable().catch(null),
  // A filter that no longer parses is dropped, not the whole view.
  where: z
    .array(z.unknown())
    .catch([])
    .transform((list) => list.flatMap((item) => columnFilter.safeParse(item).data ?? [])),
  sort: columnName.catch(pinnedColumn),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  order: z.array(columnName).catch([]),
  hidden: z.array(columnName).catch([]),
  widths: z.record(columnName, z.number().finite().positive()).catch({}),
});

/** A stored view as the grid can use it: anything unreadable falls back to the default. */
export function readView(value: unknown): GridView {
  const parsed = storedView.safeParse(value);
  return parsed.success ? parsed.data : defaultView;
}

/**
 * The view's columns in its order: columns it does not mention (new in a later version, or an
 * empty default) keep their default place after the ones it does; unknown names are ignored.
 */
export function orderedColumns(all: GridColumn[], view: Pick<GridView, 'order'>): GridColumn[] {
  const byName = new Map(all.map((column) => [column.name, column]));
  const listed = view.order.flatMap((name) => {
    const column = byName.get(name);
    return column && name !== pinnedColumn ? [column] : [];
  });
  const seen = new Set(listed.map((column) => column.name));
  const pinned = byName.get(pinnedColumn);
  const rest = all.filter((column) => column.name !== pinnedColumn && !seen.has(column.name));
  // New columns go where the defaults put them relative to their neighbours: after the listed ones.
  return [...(pinned ? [pinned] : []), ...listed, ...rest];
}

export function visibleColumns(all: GridColumn[], view: GridView): GridColumn[] {
  return orderedColumns(all, view).filter(
    (column) => column.name === pinnedColumn || !view.hidden.includes(column.name),
  );
}

/** Moves `column` to just before `before` (or to the end), in the full column order. */
export function moveColumn(
  all: GridColumn[],
  view: GridView,
  column: string,
  before: string | null,
): string[] {
  const names = orderedColumns(all, view)
    .map((c) => c.name)
    .filter((name) => name !== pinnedColumn && name !== column);
  const at = before === null ? names.length : names.indexOf(before);
  names.splice(at < 0 ? names.length : at, 0, column);
  return names;
}

/** The view's selection: what the backend reads and what an export writes. */
export function selectionOf(view: GridView): OrgSelection {
  return {
    focus_group_id: view.focus_group_id,
    status: view.status,
    search: view.search,
    where: view.where,
    sort: view.sort,
    dir: view.dir,
  };
}

function readJson<T>(read: (value: unknown) => T) {
  return (text: string | undefined): T => {
    try {
      return read(JSON.parse(text ?? 'null'));
    } catch {
      return read(null);
    }
  };
}

/** The current view, remembered on this computer. */
export function useCurrentView(): [GridView, (view: GridView) => void] {
  const [view, setView] = useLocalStorage<GridView>({
    key: 'sector-studio:organizations:view',
    defaultValue: defaultView,
    getInitialValueInEffect: false,
    deserialize: readJson(readView),
  });
  return [view, setView];
}
