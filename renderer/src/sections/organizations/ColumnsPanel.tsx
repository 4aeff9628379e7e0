import { Button, Checkbox, Group, Popover, ScrollArea, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconColumns, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { columnGroups, pinnedColumn, type GridColumn } from './grid-columns';
import { isShown, useRowNumbers, type GridView } from './view-state';
import { ToolButton } from './ToolButton';

interface Props {
  /** Every column in the view's order. */
  columns: GridColumn[];
  view: GridView;
  onShow: (columns: GridColumn[], visible: boolean) => void;
  onReset: () => void;
}

/**
 * Shows or hides columns one by one or a whole group at once; the name always stays. Within one
 * sector, the other sectors' groups start hidden and can be brought back here.
 */
export function ColumnsPanel({ columns, view, onShow, onReset }: Props) {
  const [query, setQuery] = useState('');
  const [rowNumbers, setRowNumbers] = useRowNumbers();
  const visibleCount = columns.filter((c) => isShown(c, view)).length;
  const match = (column: GridColumn) =>
    query === '' ||
    `${column.label} ${column.group} ${column.name}`.toLowerCase().includes(query.toLowerCase());

  return (
    <Popover position="bottom-end" shadow="md" width={340} trapFocus>
      <Popover.Target>
        <ToolButton icon={<IconColumns size={14} />} label={`Columns (${visibleCount}/${columns.length})`} />
      </Popover.Target>
      <Popover.Dropdown aria-label="Columns">
        <Stack gap="xs">
          <TextInput
            size="xs"
            aria-label="Find a column"
            placeholder="Find a column"
            leftSection={<IconSearch size={14} />}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          <ScrollArea.Autosize mah="55vh" type="auto" offsetScrollbars>
            <Stack gap={10}>
              {columnGroups(columns).map(({ group, columns: members }) => {
                const listed = members.filter(match);
                if (listed.length === 0) return null;
                const others = members.filter((c) => c.name !== pinnedColumn);
                const visible = others.filter((c) => isShown(c, view)).length;
                return (
                  <Stack key={group} gap={4}>
                    <Checkbox
                      label={`${group} (${members.length})`}
                      fw={600}
                      checked={visible === others.length}
                      indeterminate={visible > 0 && visible < others.length}
                      disabled={others.length === 0}
                      onChange={(event) => onShow(others, event.currentTarget.checked)}
                    />
                    <Stack gap={4} pl="lg">
                      {listed.map((column) => (
                        <Checkbox
                          key={column.name}
                          size="xs"
                          label={column.label}
                          checked={isShown(column, view)}
                          disabled={column.name === pinnedColumn}
                          onChange={(event) => onShow([column], event.currentTarget.checked)}
                        />
                      ))}
                    </Stack>
                  </Stack>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
          <Switch
            size="xs"
            label="Row numbers"
            checked={rowNumbers}
            onChange={(event) => setRowNumbers(event.currentTarget.checked)}
          />
          <Text size="xs" c="dimmed">
            Drag a header to move a column, drag its right edge to resize it. Layouts are part of the view.
          </Text>
          <Group gap="xs">
            <Button size="compact-xs" variant="subtle" onClick={() => onShow(columns, true)}>
              Show all
            </Button>
            <Button size="compact-xs" variant="subtle" onClick={onReset}>
              Default layout
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
