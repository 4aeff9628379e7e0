import { Code, Paper, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useState } from 'react';
import type { CacheStats } from '../../../../shared/domain';
import { formatDuration, plural } from '../../format';
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

const kib = (bytes: number) =>
  `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} KiB`;

/**
 * What the memory figure counts. "856 KiB used" for one key read as if a sector's configuration took
 * 856 KiB: most of it is what Redis reports before it holds any key, which the embedded cache counts too.
 */
function Memory({ stats }: { stats: CacheStats }) {
  const values = Math.max(0, stats.used_memory - stats.used_memory_startup);
  return (
    <Text size="xs" c="dimmed">
      Memory {kib(stats.used_memory)}, counted as Redis counts used_memory: {kib(stats.used_memory_startup)}{' '}
      of start-up overhead that a server holds before any key, and {kib(values)} for{' '}
      {plural(stats.keys.length, 'cached value')} with their keys and bookkeeping. Policy when full:{' '}
      {stats.maxmemory_policy}.
    </Text>
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
      <Memory stats={stats} />
      <Text size="sm" fw={600}>
        Keys ({stats.keys.length})
      </Text>
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
