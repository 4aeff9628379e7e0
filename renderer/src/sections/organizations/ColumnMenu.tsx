import { Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';

interface Props {
  /** Group names in display order, with how many columns each holds. */
  groups: { name: string; count: number }[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}

/** Shows or hides whole column groups: the core facts, or one sector's attribute columns. */
export function ColumnMenu({ groups, hidden, onChange }: Props) {
  const shown = groups.filter((g) => !hidden.includes(g.name)).length;
  return (
    <Popover position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />}>
          Columns ({shown}/{groups.length})
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label="Column groups">
        <Stack gap="xs">
          <Text size="xs" c="dimmed" maw={240}>
            Show or hide the organization's core columns or a sector's attribute columns. The legal name
            always stays; the choice is remembered on this computer.
          </Text>
          {groups.map(({ name, count }) => (
            <Checkbox
              key={name}
              label={`${name} (${count})`}
              checked={!hidden.includes(name)}
              onChange={(event) =>
                onChange(event.currentTarget.checked ? hidden.filter((h) => h !== name) : [...hidden, name])
              }
            />
          ))}
          <Group gap="xs">
            <Button size="compact-xs" variant="subtle" onClick={() => onChange([])}>
              Show all
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => onChange(groups.filter((g) => g.name !== groups[0]?.name).map((g) => g.name))}
            >
              Core only
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
