import { Button, Group, Select, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { OrgPage } from '../../../../shared/domain';

interface Props {
  /** Grid options shown next to the page controls. */
  children?: ReactNode;
  page: OrgPage;
  start: number;
  loading: boolean;
  limit: number;
  onLimit: (limit: number) => void;
  onPrev: () => void;
  onNext: () => void;
}

export const pageSizes = [25, 50, 100, 250];

export function PagerBar({ children, page, start, loading, limit, onLimit, onPrev, onNext }: Props) {
  const from = page.rows.length === 0 ? 0 : start + 1;
  const to = start + page.rows.length;
  return (
    <Group justify="space-between">
      <Text size="sm" aria-live="polite">
        Showing {from.toLocaleString()}–{to.toLocaleString()} of {page.total.toLocaleString()}
      </Text>
      <Group gap="md">
        {children}
        <Select
          aria-label="Rows per page"
          data={pageSizes.map((n) => ({ value: String(n), label: `${n} per page` }))}
          value={String(limit)}
          onChange={(value) => value !== null && onLimit(Number(value))}
          allowDeselect={false}
          w={140}
          size="xs"
        />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconChevronLeft size={14} />}
          disabled={page.prev_cursor === null || loading}
          onClick={onPrev}
        >
          Previous
        </Button>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronRight size={14} />}
          disabled={page.next_cursor === null || loading}
          onClick={onNext}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
