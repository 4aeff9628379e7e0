import { Group, Text } from '@mantine/core';
import type { GridColumn } from './grid-columns';

interface Props {
  /** Null until the first rows arrive. */
  total: number | null;
  sorted: GridColumn | undefined;
  dir: 'asc' | 'desc';
}

/** Under the grid: how many organizations match and in which order, and the keys that drive it. */
export function OrgStatusLine({ total, sorted, dir }: Props) {
  const count = total ?? 0;
  return (
    <Group justify="space-between" gap="xs" className="org-status">
      <Text size="xs" c="dimmed" aria-live="polite">
        {total === null
          ? 'Reading…'
          : `${count.toLocaleString()} ${count === 1 ? 'organization' : 'organizations'}`}
        {sorted !== undefined &&
          ` · sorted by ${sorted.label} (${dir === 'asc' ? 'ascending' : 'descending'})`}
        {sorted?.sort === 'sorted-once' && ' · no index for this sort: sorted once per filter'}
      </Text>
      <Text size="xs" c="dimmed" visibleFrom="lg">
        Arrows, PageUp/PageDown, Home/End move · Shift extends · Ctrl+C copies · Enter opens
      </Text>
    </Group>
  );
}
