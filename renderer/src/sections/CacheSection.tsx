import { Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconBolt, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { CacheLogEntry, FetchConfigResult } from '../../../shared/domain';
import { call } from '../api/bridge';
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

const removals = new Set(['DELETE', 'FLUSHALL', 'EXPIRED', 'EVICTED']);

/** The newest log entry after `seq` that removed `key` from the cache, if any. */
function removalOf(entries: CacheLogEntry[], key: string, seq: number): CacheLogEntry | null {
  return (
    entries.find((e) => e.seq > seq && removals.has(e.type) && (e.key === null || e.key === key)) ?? null
  );
}

function CacheBody() {
  const options = sectorOptions(useSectors());
  const [snapshot, refreshStats, setStats] = useCacheStats();
  // Every cache event changes the stats, so events (not a timer) drive their refresh.
  const entries = useCacheLog(refreshStats);
  const [samples, setSamples] = useState<FetchSample[]>([]);
  const [sector, setSector] = useState<string | null>(null);
  const [last, setLast] = useState<{ result: FetchConfigResult; seq: number } | null>(null);
  const [fetches, setFetches] = useState(0);

  const fetched = (result: FetchConfigResult) => {
    setLast({ result, seq: entries[0]?.seq ?? 0 });
    setFetches((n) => n + 1);
    setSamples((s) => [
      ...s.slice(-29),
      { source: result.source, duration_ms: result.duration_ms, sector: result.config.group_name },
    ]);
  };
  const resetStats = async () => {
    const stats = await call('cache:resetStats', {});
    if (stats === null) return;
    setStats(stats);
    setSamples([]);
  };
  const removed =
    last === null ? null : removalOf(entries, `sector:${last.result.config.focus_group_id}`, last.seq);

  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <FetchPanel
            options={options}
            sector={sector}
            onSector={setSector}
            last={last?.result ?? null}
            removed={removed}
            onFetched={fetched}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <InvalidatePanel options={options} sector={sector} fetches={fetches} />
        </Grid.Col>
      </Grid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder padding="lg" h="100%">
            <Group justify="space-between" mb="sm">
              <Title order={3} size="h4">
                Cache stats
              </Title>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconRefresh size={14} />}
                onClick={() => void resetStats()}
              >
                Reset statistics
              </Button>
            </Group>
            {snapshot === null ? <Text c="dimmed">Reading…</Text> : <CacheStatsPanel snapshot={snapshot} />}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder padding="lg" h="100%">
            <Title order={3} size="h4" mb="sm">
              Hit vs miss latency
            </Title>
            <LatencyChart samples={samples} />
          </Card>
        </Grid.Col>
      </Grid>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            Live log
          </Title>
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
