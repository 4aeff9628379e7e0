import { Button, Group, Progress, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { ProgressEvent } from '../../../../shared/domain';

/** A running export: how far it is, and the way to stop it. */
export function ExportProgress({ progress, onCancel }: { progress: ProgressEvent; onCancel: () => void }) {
  const percent = progress.total === 0 ? 0 : (progress.done / progress.total) * 100;
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" fw={500} miw={90}>
        Exporting…
      </Text>
      <Progress value={percent} size="lg" animated flex={1} aria-label="Export progress" />
      <Text size="xs" c="dimmed" miw={140} ta="right">
        {progress.done.toLocaleString()} of {progress.total.toLocaleString()} rows
      </Text>
      <Button size="xs" variant="default" leftSection={<IconX size={14} />} onClick={onCancel}>
        Cancel export
      </Button>
    </Group>
  );
}
