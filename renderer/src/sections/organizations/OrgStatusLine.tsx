import { Button, Group, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { GridColumn } from './grid-columns';
import { describeSpan, useRowSpan, type RowPosition } from './row-position';

interface Props {
  /** Null until the first rows arrive. */
  total: number | null;
  sorted: GridColumn | undefined;
  dir: 'asc' | 'desc';
  /** Organizations others inserted, edited or deleted since the rows were read. */
  changes: number;
  onRefresh: () => void;
  position: RowPosition;
}

/** Where the grid is in the result; redrawn alone as the grid scrolls. */
function Position({ position, total }: { position: RowPosition; total: number }) {
  const text = describeSpan(useRowSpan(position), total);
  return text === null ? null : (
    <Text size="xs" c="dimmed" data-testid="row-position">
      {text}
    </Text>
  );
}

/** Under the grid: how many organizations match and in which order, and the keys that drive it. */
export function OrgStatusLine({ total, sorted, dir, changes, onRefresh, position }: Props) {
  const count = total ?? 0;
  return (
    <Group justify="space-between" gap="xs" className="org-status">
      <Group gap="xs">
        {changes > 0 && (
          <Button
            size="compact-xs"
            color="orange"
            leftSection={<IconRefresh size={12} />}
            onClick={onRefresh}
          >
            {`${changes.toLocaleString()} ${changes === 1 ? 'change' : 'changes'} — refresh`}
          </Button>
        )}
        <Text size="xs" c="dimmed" aria-live="polite">
          {total === null
            ? 'Reading…'
            : `${count.toLocaleString()} ${count === 1 ? 'organization' : 'organizations'}`}
          {sorted !== undefined &&
            ` · sorted by ${sorted.label} (${dir === 'asc' ? 'ascending' : 'descending'})`}
          {sorted?.sort === 'sorted-once' && ' · no index for this sort: sorted once per filter'}
        </Text>
        <Position position={position} total={count} />
      </Group>
      <Text size="xs" c="dimmed" visibleFrom="lg">
        Arrows move · Shift extends · Ctrl+C copies · Enter or F2 edits · Del deletes · Enter on a name opens
      </Text>
    </Group>
  );
}
