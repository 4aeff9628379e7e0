import { Badge, Button, CloseButton, Group, UnstyledButton } from '@mantine/core';
import { columnLabel } from '../../../../shared/labels';
import type { ColumnFilter } from '../../../../shared/org-query';
import type { GridView } from './view-state';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A filter as an analyst reads it: "HQ city contains “york”", "Employees 50–500". */
export function describeFilter(filter: ColumnFilter): string {
  const label = columnLabel(filter.column);
  switch (filter.op) {
    case 'contains':
      return `${label} contains “${filter.text}”`;
    case 'has':
      return `${label} has “${filter.item}”`;
    case 'is':
      return `${label}: ${filter.value ? 'Yes' : 'No'}`;
    case 'range':
      if (filter.min != null && filter.max != null)
        return `${label} ${number.format(filter.min)}–${number.format(filter.max)}`;
      return filter.min != null
        ? `${label} ≥ ${number.format(filter.min)}`
        : `${label} ≤ ${number.format(filter.max ?? 0)}`;
  }
}

interface Chip {
  key: string;
  text: string;
  remove: Partial<GridView>;
  edit?: string;
}

interface Props {
  view: GridView;
  sectorName: (id: string) => string;
  onChange: (change: Partial<GridView>) => void;
  onEdit: (column: string) => void;
}

/** Every filter of the view as a chip: click to edit a column filter, × to remove any of them. */
export function FilterChips({ view, sectorName, onChange, onEdit }: Props) {
  const chips: Chip[] = [];
  if (view.focus_group_id !== null) {
    chips.push({
      key: 'sector',
      text: `Sector: ${sectorName(view.focus_group_id)}`,
      remove: { focus_group_id: null },
    });
  }
  if (view.status !== null)
    chips.push({ key: 'status', text: `Status: ${view.status}`, remove: { status: null } });
  if (view.search !== null)
    chips.push({ key: 'search', text: `Name contains “${view.search}”`, remove: { search: null } });
  for (const filter of view.where) {
    chips.push({
      key: filter.column,
      text: describeFilter(filter),
      remove: { where: view.where.filter((f) => f.column !== filter.column) },
      edit: filter.column,
    });
  }
  if (chips.length === 0) return null;
  return (
    <Group gap={6} aria-label="Active filters" role="group" wrap="wrap">
      {chips.map((chip) => (
        <Badge
          key={chip.key}
          size="lg"
          variant="light"
          color="indigo"
          tt="none"
          fw={500}
          pr={4}
          rightSection={
            <CloseButton
              size="xs"
              variant="transparent"
              aria-label={`Remove filter ${chip.text}`}
              onClick={() => onChange(chip.remove)}
            />
          }
        >
          {chip.edit === undefined ? (
            chip.text
          ) : (
            <UnstyledButton fz="inherit" fw="inherit" c="inherit" onClick={() => onEdit(chip.edit as string)}>
              {chip.text}
            </UnstyledButton>
          )}
        </Badge>
      ))}
      {chips.length > 1 && (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => onChange({ focus_group_id: null, status: null, search: null, where: [] })}
        >
          Clear all
        </Button>
      )}
    </Group>
  );
}
