import { Button, Group, Select, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconChevronsLeft, IconChevronsRight } from '@tabler/icons-react';
import type { OrgPage } from '../../../../shared/domain';

interface Props {
  page: OrgPage;
  start: number;
  loading: boolean;
  limit: number;
  onLimit: (limit: number) => void;
  onFirst: () => void;
  onPrev: () => void;
  onNext: () => void;
  onLast: () => void;
}

export const pageSizes = [25, 50, 100, 250];

export function PagerBar(props: Props) {
  const { page, start, loading, limit, onLimit } = props;
  const from = page.rows.length === 0 ? 0 : start + 1;
  const to = start + page.rows.length;
  return (
    <Group justify="space-between">
      <Text size="sm" aria-live="polite">
        Showing {from.toLocaleString()}–{to.toLocaleString()} of {page.total.toLocaleString()}
      </Text>
      <Group gap="md">
        <Select
          aria-label="Rows per page"
          data={pageSizes.map((n) => ({ value: String(n), label: `${n} per page` }))}
          value={String(limit)}
          onChange={(value) => value !== null && onLimit(Number(value))}
          allowDeselect={false}
          w={140}
          size="xs"
        />
        <Button.Group>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconChevronsLeft size={14} />}
            disabled={page.prev_cursor === null || loading}
            onClick={props.onFirst}
          >
            First
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconChevronLeft size={14} />}
            disabled={page.prev_cursor === null || loading}
            onClick={props.onPrev}
          >
            Previous
          </Button>
          <Button
            size="xs"
            variant="default"
            rightSection={<IconChevronRight size={14} />}
            disabled={page.next_cursor === null || loading}
            onClick={props.onNext}
          >
            Next
          </Button>
          <Button
            size="xs"
            variant="default"
            rightSection={<IconChevronsRight size={14} />}
            disabled={page.next_cursor === null || loading}
            onClick={props.onLast}
          >
            Last
          </Button>
        </Button.Group>
      </Group>
    </Group>
  );
}
