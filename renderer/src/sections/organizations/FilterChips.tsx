import { Badge, Button, CloseButton, Group, Tooltip, UnstyledButton } from '@mantine/core';
import { useRef, type RefObject } from 'react';
import { columnLabel } from '../../../../shared/labels';
import type { ColumnFilter } from '../../../../shared/org-query';
import { useRovingFocus } from './roving-focus';
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
  /** Where the focus goes when the last chip is removed. */
  fallbackFocus: RefObject<HTMLElement | null>;
}

/**
 * Every filter of the view as a chip: click to edit a column filter, × to remove any of them. The
 * chips are one tab stop on the way to the grid (a toolbar: the arrow keys move among them), and a
 * removed chip hands the focus to its neighbour, or to `fallbackFocus` when none is left.
 */
export function FilterChips({ view, sectorName, onChange, onEdit, fallbackFocus }: Props) {
  const toolbar = useRef<HTMLDivElement>(null);
  const roving = useRovingFocus(toolbar, fallbackFocus);
  const remove = (change: Partial<GridView>, button: EventTarget) => {
    const buttons = [...(toolbar.current?.querySelectorAll('button') ?? [])];
    // The chip's own edit button goes with it: the neighbour takes the place of the first of the two.
    const at = buttons.indexOf(button as HTMLButtonElement);
    const chip = buttons[at]?.closest('[data-chip]');
    const own = chip != null && at > 0 && buttons[at - 1]?.closest('[data-chip]') === chip;
    roving.refocus(own ? at - 1 : at);
    onChange(change);
  };
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
    <Group
      ref={toolbar}
      gap={6}
      aria-label="Active filters"
      role="toolbar"
      wrap="wrap"
      onKeyDown={roving.onKeyDown}
      onFocus={roving.onFocus}
    >
      {chips.map((chip) => (
        <Badge
          key={chip.key}
          data-chip={chip.key}
          size="lg"
          variant="light"
          color="indigo"
          tt="none"
          fw={500}
          pr={4}
          rightSection={
            <Tooltip label={`Remove filter ${chip.text}`}>
              <CloseButton
                size="xs"
                variant="transparent"
                aria-label={`Remove filter ${chip.text}`}
                onClick={(event) => remove(chip.remove, event.currentTarget)}
              />
            </Tooltip>
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
          onClick={(event) =>
            remove({ focus_group_id: null, status: null, search: null, where: [] }, event.currentTarget)
          }
        >
          Clear all
        </Button>
      )}
    </Group>
  );
}
