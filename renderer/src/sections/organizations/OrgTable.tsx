import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { orgSortColumns, type OrgSortColumn } from '../../../../shared/org-query';
import type { OrgRow } from '../../../../shared/domain';
import { memo, type MouseEvent } from 'react';
import type { ColumnGroup } from './column-groups';
import { pinnedColumn } from './column-visibility';
import { copyCell } from './copy-cell';
import { OrgCell } from './OrgCell';

interface Props {
  columns: string[];
  rows: OrgRow[];
  /** Header groups of every column but the first, which stays pinned. */
  groups: ColumnGroup[];
  sort: OrgSortColumn;
  dir: 'asc' | 'desc';
  onSort: (column: OrgSortColumn) => void;
  onOpen: (row: OrgRow) => void;
}

function isSortColumn(column: string): column is OrgSortColumn {
  return (orgSortColumns as readonly string[]).includes(column);
}

function Header({ column, sort, dir, onSort }: Pick<Props, 'sort' | 'dir' | 'onSort'> & { column: string }) {
  if (!isSortColumn(column)) return <Table.Th>{column}</Table.Th>;
  const active = sort === column;
  const Arrow = !active ? IconArrowsSort : dir === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(column)} aria-label={`Sort by ${column}`}>
        <Group gap={4} wrap="nowrap">
          <Text span fw={700} size="sm" c={active ? 'indigo.7' : undefined}>
            {column}
          </Text>
          <Arrow size={14} color={active ? 'var(--mantine-color-indigo-7)' : 'var(--mantine-color-gray-5)'} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * The unified view, sticky header and first column, scrolling both ways. The name opens the row's
 * details; a click on any other cell copies it. One listener on the body serves every cell, since
 * a page can hold 250 rows × 92 columns.
 */
export const OrgTable = memo(function OrgTable({ columns, rows, groups, sort, dir, onSort, onOpen }: Props) {
  function onBodyClick(event: MouseEvent<HTMLTableSectionElement>) {
    const target = event.target as HTMLElement;
    const cell = target.closest<HTMLTableCellElement>('td[data-column]');
    const index = Number(cell?.parentElement?.dataset.row);
    const row = rows[index];
    const column = cell?.dataset.column;
    if (row === undefined || column === undefined) return;
    if (target.closest('button') !== null) onOpen(row);
    // A drag that selected text is the analyst copying by hand.
    else if ((window.getSelection()?.toString() ?? '') === '') void copyCell(column, row[column] ?? null);
  }

  return (
    <Table.ScrollContainer minWidth="max-content" maxHeight={560} type="native">
      <Table
        className="org-grid"
        stickyHeader
        striped
        highlightOnHover
        withColumnBorders
        verticalSpacing={6}
        fz="sm"
        aria-label="Unified organization data"
      >
        <Table.Thead>
          {groups.length > 1 && (
            <Table.Tr className="group-row">
              <Table.Th />
              {groups.map((group, index) => (
                <Table.Th key={`${group.label}-${index}`} colSpan={group.span}>
                  <span className="group-label">{group.label}</span>
                </Table.Th>
              ))}
            </Table.Tr>
          )}
          <Table.Tr>
            {columns.map((column) => (
              <Header key={column} column={column} sort={sort} dir={dir} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody onClick={onBodyClick} title="Click a cell to copy it">
          {rows.map((row, index) => (
            <Table.Tr key={String(row.organization_id ?? index)} data-row={index}>
              {columns.map((column) => (
                <td key={column} data-column={column} className="cell">
                  {column === pinnedColumn ? (
                    <button type="button" className="cell-open" title="Open details">
                      {String(row[column] ?? '')}
                    </button>
                  ) : (
                    <OrgCell column={column} value={row[column] ?? null} />
                  )}
                </td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});
