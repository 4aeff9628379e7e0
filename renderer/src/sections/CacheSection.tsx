import { Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { TitledCard } from '../components/TitledCard';
import { IconBolt } from '@tabler/icons-react';
import { useState } from 'react';
import { Prerequisite } from '../components/Prerequisite';
import { SectionHeader } from '../components/SectionHeader';
import { sectorOptions, useSectors } from '../state/sectors';
import { CacheLog } from './cache/CacheLog';
import { CacheStatsPanel } from './cache/CacheStatsPanel';
import { FetchPanel } from './cache/FetchPanel';
import { InvalidatePanel } from './cache/InvalidatePanel';
import { LatencyChart, type FetchSample } from './cache/LatencyChart';
import { useCacheLog } from './cache/use-cache-log';
import { useCacheStats } from './cache/use-cache-stats';

function CacheBody() {
  const options = sectorOptions(useSectors());
  const [snapshot, refreshStats] = useCacheStats();
  // Every cache event changes the stats, so events (not a timer) drive their refresh.
  const entries = useCacheLog(refreshStats);
  const [samples, setSamples] = useState<FetchSample[]>([]);

  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <FetchPanel
            options={options}
            onFetched={(result) =>
              setSamples((s) => [
                ...s.slice(-29),
                { source: result.source, duration_ms: result.duration_ms, sector: result.config.group_name },
              ])
            }
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <InvalidatePanel options={options} />
        </Grid.Col>
      </Grid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TitledCard title="Cache stats" fill>
            {snapshot === null ? <Text c="dimmed">Reading…</Text> : <CacheStatsPanel snapshot={snapshot} />}
          </TitledCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <TitledCard title="Hit vs miss latency" fill>
            <LatencyChart samples={samples} />
          </TitledCard>
        </Grid.Col>
      </Grid>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>Live log</Title>
          <Text size="xs" c="dimmed">
            newest first · {entries.length} events
          </Text>
        </Group>
        <CacheLog entries={entries} />
      </Card>
    </Stack>
  );
}

export function CacheSection() {
  return (
    <Stack gap="lg">
      <SectionHeader icon={IconBolt} title="Cache">
        The sector configuration service sits behind an in-memory cache with Redis semantics (TTL 3600 s).
        Fetch a sector twice to see a miss become a hit, invalidate it, and watch every event arrive live.
      </SectionHeader>
      <Prerequisite requires="weights">
        <CacheBody />
      </Prerequisite>
    </Stack>
  );
}
