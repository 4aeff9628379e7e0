import { ActionIcon, Menu } from '@mantine/core';
import {
  IconArrowLeft,
  IconArrowRight,
  IconDotsVertical,
  IconEyeOff,
  IconFilter,
  IconSortAscending,
  IconSortDescending,
} from '@tabler/icons-react';
import type { GridColumn } from '../grid-columns';

export type ColumnAction = 'asc' | 'desc' | 'filter' | 'hide' | 'left' | 'right';

interface Props {
  column: GridColumn;
  col: number;
  lastCol: number;
  opened: boolean;
  onOpened: (opened: boolean) => void;
  onClose: () => void;
  onAction: (action: ColumnAction) => void;
}

/** A column's menu: sort, filter, and for every column but the pinned name, move and hide. */
export function ColumnMenu({ column, col, lastCol, opened, onOpened, onClose, onAction }: Props) {
  return (
    <Menu opened={opened} onChange={onOpened} onClose={onClose} position="bottom-end" withinPortal>
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
        <Menu.Item leftSection={<IconSortAscending size={14} />} onClick={() => onAction('asc')}>
          Sort ascending
        </Menu.Item>
        <Menu.Item leftSection={<IconSortDescending size={14} />} onClick={() => onAction('desc')}>
          Sort descending
        </Menu.Item>
        <Menu.Item leftSection={<IconFilter size={14} />} onClick={() => onAction('filter')}>
          Filter…
        </Menu.Item>
        {col > 0 && (
          <>
            <Menu.Divider />
            <Menu.Item
              leftSection={<IconArrowLeft size={14} />}
              disabled={col === 1}
              onClick={() => onAction('left')}
            >
              Move left
            </Menu.Item>
            <Menu.Item
              leftSection={<IconArrowRight size={14} />}
              disabled={col === lastCol}
              onClick={() => onAction('right')}
            >
              Move right
            </Menu.Item>
            <Menu.Item leftSection={<IconEyeOff size={14} />} onClick={() => onAction('hide')}>
              Hide column
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
