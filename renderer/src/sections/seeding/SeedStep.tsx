import { Alert, Badge, Button, Card, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { SeedResult, SeedTable } from '../../../../shared/domain';
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

const tableNames: Record<SeedTable, string> = {
  focus_groups: 'focus groups',
  dimensions: 'dimensions',
  focus_group_dimension_weights: 'weights',
  focus_group_calibrations: 'calibrations',
};

/** What a step added and found per table, and every value it kept although the reference differs. */
function Outcome({ result }: { result: SeedResult }) {
  const changed = result.tables.some((table) => table.added > 0);
  const differing = result.tables.flatMap((table) => table.differing);
  return (
    <Alert
      color={changed ? 'teal' : 'gray'}
      variant="light"
      icon={changed ? <IconCheck /> : <IconInfoCircle />}
      title={changed ? 'Seeded' : 'Already up to date'}
    >
      <Stack gap={6}>
        <Text size="sm">{result.message}</Text>
        {result.tables.map((table) => (
          <Group gap={6} key={table.table}>
            <Text size="sm" w={100}>
              {tableNames[table.table]}
            </Text>
            <Badge variant="light" color="teal">
              {table.added} added
            </Badge>
            <Badge variant="light" color="gray">
              {table.found} found
            </Badge>
            {table.differing.length > 0 && (
              <Badge variant="light" color="orange">
                {table.differing.length} kept, not the reference
              </Badge>
            )}
          </Group>
        ))}
        {differing.length > 0 && (
          <List size="sm" aria-label="Values kept that differ from the reference">
            {differing.map((d) => (
              <List.Item key={`${d.row} ${d.column}`}>
                {d.row}: {d.column} {d.value} (reference {d.reference})
              </List.Item>
            ))}
          </List>
        )}
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
