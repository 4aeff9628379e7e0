import { useMemo } from 'react';
import type { FocusGroup, SchemaInfo } from '../../../../shared/domain';
import { columnGroups, sectorOfColumn, type ColumnGroup } from './column-groups';
import { columnGroupNames, groupOfColumn, pinnedColumn, visibleColumns } from './column-visibility';

export interface GridColumns {
  /** Which sector each attribute column belongs to. */
  owners: Map<string, string>;
  /** Every column of the view, the name first. */
  all: string[];
  /** The columns shown, and their header groups (all but the pinned first column). */
  shown: string[];
  groups: ColumnGroup[];
  /** Every column group with its size, for the column menu. */
  groupSizes: { name: string; count: number }[];
}

interface Options {
  pageColumns: string[] | undefined;
  schema: SchemaInfo | null;
  sectors: FocusGroup[];
  hidden: string[];
  /** The filtered sector's name when only its attribute columns are wanted. */
  onlySector: string | null;
}

/** The name first, so that the sticky first column says which organization a row is. */
function displayOrder(columns: string[]): string[] {
  return columns.includes(pinnedColumn)
    ? [pinnedColumn, ...columns.filter((c) => c !== pinnedColumn)]
    : columns;
}

/**
 * The grid's columns, derived once per change of their inputs: the arrays stay the same objects
 * between renders, so the memoized table does not redraw thousands of cells for a drawer or a
 * progress event.
 */
export function useGridColumns({ pageColumns, schema, sectors, hidden, onlySector }: Options): GridColumns {
  const owners = useMemo(
    () => (schema === null ? new Map<string, string>() : sectorOfColumn(schema, sectors)),
    [schema, sectors],
  );
  const all = useMemo(() => displayOrder(pageColumns ?? []), [pageColumns]);
  return useMemo(() => {
    const shown = visibleColumns(all, owners, hidden).filter(
      (column) => onlySector === null || (owners.get(column) ?? onlySector) === onlySector,
    );
    const groupSizes = columnGroupNames(all, owners).map((name) => ({
      name,
      count: all.filter((c) => groupOfColumn(c, owners) === name).length,
    }));
    return { owners, all, shown, groups: columnGroups(shown.slice(1), owners), groupSizes };
  }, [all, owners, hidden, onlySector]);
}
