import { Alert, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { IconBolt, IconDatabase, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { FetchConfigResult } from '../../../../shared/domain';
import { call, useAction } from '../../api/bridge';
import { formatMs } from '../../format';
import type { SectorOption } from '../../state/sectors';
import { LatencySetting } from './LatencySetting';

/** The fetch's parts, named as the log names them, so that the alert and the log agree. */
function breakdown(result: FetchConfigResult): string {
  const get = `GET ${formatMs(result.cache_ms)} (the log's ${result.source === 'cache' ? 'HIT' : 'MISS'} line)`;
  if (result.source === 'cache') return `${get}, then reading the cached JSON.`;
  const simulated =
    result.simulated_latency_ms > 0 ? `, ${result.simulated_latency_ms} ms of it simulated` : '';
  const load = `database load ${formatMs(result.load_ms ?? 0)}${simulated}`;
  const set = result.store_ms === null ? '' : `, SET ${formatMs(result.store_ms)} (the log's SET line)`;
  return `${get}, ${load}${set}.`;
}

interface Props {
  options: SectorOption[];
  onFetched: (result: FetchConfigResult) => void;
}

export function FetchPanel({ options, onFetched }: Props) {
  const [sector, setSector] = useState<string | null>(null);
  const [last, setLast] = useState<FetchConfigResult | null>(null);
  const [running, run] = useAction();
  const fetchConfig = () =>
    run(async () => {
      if (sector === null) return;
      const result = await call('cache:fetch', { focus_group_id: sector });
      if (result === null) return;
      setLast(result);
      onFetched(result);
    });
  const hit = last?.source === 'cache';
  return (
    <Card withBorder padding="lg" h="100%">
      <Stack gap="sm">
        <Text fw={600}>Fetch through the cache</Text>
        <Text size="sm" c="dimmed">
          Cache-aside: a miss loads the configuration from SQLite and stores it for one hour under{' '}
          <code>sector:&lt;id&gt;</code>; the next fetch is a hit.
        </Text>
        <Select
          label="Select a Sector to Fetch"
          placeholder="Choose a sector"
          data={options}
          value={sector}
          onChange={setSector}
          allowDeselect={false}
        />
        <LatencySetting />
        <Group>
          <Button
            leftSection={<IconDownload size={18} />}
            loading={running}
            disabled={sector === null}
            onClick={() => void fetchConfig()}
          >
            Fetch Config (with cache)
          </Button>
        </Group>
        {last !== null && (
          <Alert
            variant="light"
            color={hit ? 'teal' : 'orange'}
            icon={hit ? <IconBolt /> : <IconDatabase />}
            title={hit ? 'Served from the cache' : 'Loaded from the database'}
          >
            <Text size="sm">
              {last.config.group_name} in {formatMs(last.duration_ms)}, the whole lookup in the configuration
              service.
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {breakdown(last)}
            </Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
