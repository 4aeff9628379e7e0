import { Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  /** e.g. an edit control */
  action?: ReactNode;
}

export function StatCard({ label, value, hint, action }: Props) {
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {label}
        </Text>
        {action}
      </Group>
      <Text fz={28} fw={700} mt={4} lh={1.2} ff="monospace" aria-label={label}>
        {value}
      </Text>
      {hint !== undefined && (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}
