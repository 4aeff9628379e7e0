import { Alert, Badge, Button, Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { SeedResult } from '../../../../shared/domain';
import { call, useAction } from '../../api/bridge';
import { useDbStatus } from '../../state/status';

interface Props {
  step: number;
  channel: 'seed:sectorsDimensions' | 'seed:weightsCalibrations';
  label: string;
  description: ReactNode;
  /** What the database holds now, e.g. "7 focus groups · 7 dimensions" */
  holds: string;
  blockedBy?: string;
}

function Outcome({ result }: { result: SeedResult }) {
  const changed = result.inserted + result.updated > 0;
  return (
    <Alert
      color={changed ? 'teal' : 'gray'}
      variant="light"
      icon={changed ? <IconCheck /> : <IconInfoCircle />}
      title={changed ? 'Seeded' : 'Already up to date'}
    >
      <Stack gap={6}>
        <Text size="sm">{result.message}</Text>
        <Group gap={6}>
          <Badge variant="light" color="teal">
            {result.inserted} inserted
          </Badge>
          <Badge variant="light" color="blue">
            {result.updated} updated
          </Badge>
          <Badge variant="light" color="gray">
            {result.unchanged} unchanged
          </Badge>
        </Group>
      </Stack>
    </Alert>
  );
}

export function SeedStep({ step, channel, label, description, holds, blockedBy }: Props) {
  const { refresh } = useDbStatus();
  const [result, setResult] = useState<SeedResult | null>(null);
  const [running, run] = useAction();
  const seed = () =>
    run(async () => {
      const outcome = await call(channel, {});
      if (outcome === null) return;
      setResult(outcome);
      await refresh();
    });
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm" h="100%">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon radius="xl" variant="light" size={28}>
            {step}
          </ThemeIcon>
          <Text fw={600}>{label}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        <Text size="sm">
          In the database now: <b>{holds}</b>
        </Text>
        {blockedBy !== undefined && (
          <Text size="sm" c="yellow.8">
            {blockedBy}
          </Text>
        )}
        <Group mt="auto">
          <Button
            loading={running}
            disabled={blockedBy !== undefined}
            onClick={() => void seed()}
            // In a narrow column the label wraps rather than being cut ("…& Dimens" at 1024 px).
            h="auto"
            mih={36}
            py={6}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
          >
            {label}
          </Button>
        </Group>
        {result !== null && <Outcome result={result} />}
      </Stack>
    </Card>
  );
}
