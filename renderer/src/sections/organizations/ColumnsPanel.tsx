import { Button, Checkbox, Group, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconColumns, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { columnGroups, pinnedColumn, type GridColumn } from './grid-columns';
import { ToolButton } from './ToolButton';

interface Props {
  /** Every column in the view's order. */
  columns: GridColumn[];
  hidden: string[];
  onHidden: (hidden: string[]) => void;
  onReset: () => void;
}

/** Shows or hides columns one by one or a whole group at once; the name always stays. */
export function ColumnsPanel({ columns, hidden, onHidden, onReset }: Props) {
  const [query, setQuery] = useState('');
  const shown = columns.filter((c) => !hidden.includes(c.name)).length;
  const match = (column: GridColumn) =>
    query === '' ||
    `${column.label} ${column.group} ${column.name}`.toLowerCase().includes(query.toLowerCase());
  const setGroup = (names: string[], visible: boolean) =>
    onHidden(visible ? hidden.filter((h) => !names.includes(h)) : [...new Set([...hidden, ...names])]);

  return (
    <Popover position="bottom-end" shadow="md" width={340} trapFocus>
      <Popover.Target>
        <ToolButton icon={<IconColumns size={14} />} label={`Columns (${shown}/${columns.length})`} />
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
                const names = members.filter((c) => c.name !== pinnedColumn).map((c) => c.name);
                const visible = names.filter((n) => !hidden.includes(n)).length;
                return (
                  <Stack key={group} gap={4}>
                    <Checkbox
                      label={`${group} (${members.length})`}
                      fw={600}
                      checked={visible === names.length}
                      indeterminate={visible > 0 && visible < names.length}
                      disabled={names.length === 0}
                      onChange={(event) => setGroup(names, event.currentTarget.checked)}
                    />
                    <Stack gap={4} pl="lg">
                      {listed.map((column) => (
                        <Checkbox
                          key={column.name}
                          size="xs"
                          label={column.label}
                          checked={column.name === pinnedColumn || !hidden.includes(column.name)}
                          disabled={column.name === pinnedColumn}
                          onChange={(event) => setGroup([column.name], event.currentTarget.checked)}
                        />
                      ))}
                    </Stack>
                  </Stack>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed">
            Drag a header to move a column, drag its right edge to resize it. Layouts are part of the view.
          </Text>
          <Group gap="xs">
            <Button size="compact-xs" variant="subtle" onClick={() => onHidden([])}>
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
