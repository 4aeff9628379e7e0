import { Code, Group, Paper, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useState } from 'react';
import { formatDuration } from '../../format';
import type { StatsSnapshot } from './use-cache-stats';

function Figure({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={24} fw={700} ff="monospace" c={color} aria-label={label}>
        {value}
      </Text>
    </Paper>
  );
}

/** Counts key TTLs down between reads; the numbers themselves come from the cache. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  return now;
}

export function CacheStatsPanel({ snapshot }: { snapshot: StatsSnapshot }) {
  const { stats, at } = snapshot;
  const now = useNow();
  const rate = stats.hits + stats.misses === 0 ? 0 : stats.hit_rate;
  return (
    <Stack gap="md">
      <SimpleGrid cols={3}>
        <Figure label="Hits" value={stats.hits.toLocaleString()} color="teal.7" />
        <Figure label="Misses" value={stats.misses.toLocaleString()} color="orange.7" />
        <Figure label="Hit rate" value={`${(rate * 100).toFixed(1)}%`} />
      </SimpleGrid>
      <Progress.Root size="lg">
        <Progress.Section value={rate * 100} color="teal" aria-label="Share of hits" />
        <Progress.Section
          value={stats.hits + stats.misses === 0 ? 0 : 100 - rate * 100}
          color="orange"
          aria-label="Share of misses"
        />
      </Progress.Root>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Keys ({stats.keys.length})
        </Text>
        <Text size="xs" c="dimmed">
          {(stats.used_memory / 1024).toFixed(1)} KiB used · policy {stats.maxmemory_policy}
        </Text>
      </Group>
      {stats.keys.length === 0 ? (
        <Text size="sm" c="dimmed">
          The cache is empty.
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4} aria-label="Cached keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Key</Table.Th>
              <Table.Th ta="right">TTL remaining</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stats.keys.map(({ key, ttl_ms }) => (
              <Table.Tr key={key}>
                <Table.Td>
                  <Code>{key}</Code>
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {ttl_ms < 0 ? 'no expiry' : formatDuration(ttl_ms - (now - at))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
