import { Badge, Button, Group, NumberInput, Progress, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { InsertOrgsResult, ProgressEvent } from '../../../../shared/domain';
import { call, notifySuccess, useAction, useBridgeEvent } from '../../api/bridge';
import { formatMs, plural } from '../../format';
import { useDbStatus } from '../../state/status';

interface Props {
  sectorName: (id: string) => string;
  onInserted: () => void;
}

export function InsertPanel({ sectorName, onInserted }: Props) {
  const { refresh } = useDbStatus();
  const [count, setCount] = useState<string | number>(10);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [last, setLast] = useState<InsertOrgsResult | null>(null);
  const [running, run] = useAction();

  useBridgeEvent('progress', (event) => {
    if (running && event.task === 'orgs:insertSample') setProgress(event);
  });

  const insert = () =>
    run(async () => {
      setProgress(null);
      // The contract validates the count; its message reaches the analyst as a notification.
      const result = await call('orgs:insertSample', { count: Number(count) });
      setProgress(null);
      if (result === null) return;
      setLast(result);
      notifySuccess(
        result.cancelled ? 'Insert cancelled' : 'Sample organizations inserted',
        result.cancelled
          ? `${plural(result.inserted, 'organization')} from completed batches were kept.`
          : `${plural(result.inserted, 'organization')} in ${formatMs(result.duration_ms)}.`,
      );
      await refresh();
      onInserted();
    });

  const percent = progress === null || progress.total === 0 ? 0 : (progress.done / progress.total) * 100;
  return (
    <Stack gap="sm">
      <Text fw={600}>Sample organizations</Text>
      <Text size="sm" c="dimmed">
        Generates realistic companies spread over the seven sectors, each with its sector's attribute row, in
        batched transactions.
      </Text>
      <Group align="flex-end">
        <NumberInput
          label="How many organizations"
          value={count}
          onChange={setCount}
          min={1}
          max={1_000_000}
          clampBehavior="none"
          thousandSeparator=","
          allowDecimal={false}
          w={220}
        />
        <Button leftSection={<IconPlus size={18} />} loading={running} onClick={() => void insert()}>
          Insert Sample Organizations
        </Button>
        {running && (
          <Button
            variant="default"
            leftSection={<IconX size={16} />}
            onClick={() => void call('orgs:cancelInsert', {})}
          >
            Cancel
          </Button>
        )}
      </Group>
      {running && progress !== null && (
        <Stack gap={4}>
          <Progress value={percent} animated size="lg" aria-label="Insert progress" />
          <Text size="xs" c="dimmed">
            {progress.done.toLocaleString()} of {progress.total.toLocaleString()} organizations
          </Text>
        </Stack>
      )}
      {last !== null && (
        <Group gap={6}>
          <Text size="sm">
            {last.cancelled ? 'Cancelled; kept' : 'Inserted'} {plural(last.inserted, 'organization')} in{' '}
            {formatMs(last.duration_ms)}:
          </Text>
          {Object.entries(last.per_sector).map(([id, n]) => (
            <Badge key={id} variant="light" color="gray" tt="none">
              {sectorName(id)} {n.toLocaleString()}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}
