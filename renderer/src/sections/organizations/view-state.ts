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
  /**
   * Attribute columns shown although the view is filtered to another sector (whose attributes
   * alone show by default).
   */
  shown: string[];
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
  shown: [],
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
  shown: z.array(columnName).catch([]),
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

type Visibility = Pick<GridView, 'focus_group_id' | 'hidden' | 'shown'>;

/**
 * Whether a column shows: the name always; any other unless hidden; within one sector, another
 * sector's attributes only when brought back (they would all be blank).
 */
export function isShown(column: Pick<GridColumn, 'name' | 'focus_group_id'>, view: Visibility): boolean {
  if (column.name === pinnedColumn) return true;
  if (view.hidden.includes(column.name)) return false;
  const otherSector =
    view.focus_group_id !== null &&
    column.focus_group_id !== null &&
    column.focus_group_id !== view.focus_group_id;
  return !otherSector || view.shown.includes(column.name);
}

/**
 * The view's hidden and shown lists with these columns shown or hidden. Another sector's attributes
 * within a sector filter are only listed as shown or not: hiding them again does not hide them
 * once the filter is gone.
 */
export function showColumns(
  view: Visibility,
  columns: Pick<GridColumn, 'name' | 'focus_group_id'>[],
  visible: boolean,
): Pick<GridView, 'hidden' | 'shown'> {
  const foreign = (column: Pick<GridColumn, 'focus_group_id'>) =>
    view.focus_group_id !== null &&
    column.focus_group_id !== null &&
    column.focus_group_id !== view.focus_group_id;
  const names = columns.map((column) => column.name);
  const others = columns.filter(foreign).map((column) => column.name);
  const own = columns.filter((column) => !foreign(column)).map((column) => column.name);
  return visible
    ? {
        hidden: view.hidden.filter((name) => !names.includes(name)),
        shown: [...new Set([...view.shown, ...others])],
      }
    : {
        hidden: [...new Set([...view.hidden, ...own])],
        shown: view.shown.filter((name) => !names.includes(name)),
      };
}

export function visibleColumns(all: GridColumn[], view: GridView): GridColumn[] {
  return orderedColumns(all, view).filter((column) => isShown(column, view));
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

/** Whether rows show their numbers beside the name, remembered on this computer (not part of a view). */
export function useRowNumbers(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useLocalStorage<boolean>({
    key: 'sector-studio:organizations:row-numbers',
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  return [on, setOn];
}
