import { Alert, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { IconBolt, IconDatabase, IconDownload, IconTrashX } from '@tabler/icons-react';
import type { CacheLogEntry, FetchConfigResult } from '../../../../shared/domain';
import { call, useAction } from '../../api/bridge';
import { formatMs, formatTime } from '../../format';
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

function Outcome({ last, removed }: { last: FetchConfigResult; removed: CacheLogEntry | null }) {
  const name = last.config.group_name;
  if (removed !== null) {
    // The panel says what the cache holds now, not what it held at the last fetch.
    return (
      <Alert variant="light" color="gray" icon={<IconTrashX />} title="No longer cached">
        <Text size="sm">
          {name} was fetched in {formatMs(last.duration_ms)}; {removed.type} removed it at{' '}
          {formatTime(removed.at)}, so its next fetch is a MISS that loads from the database.
        </Text>
      </Alert>
    );
  }
  const hit = last.source === 'cache';
  return (
    <Alert
      variant="light"
      color={hit ? 'teal' : 'orange'}
      icon={hit ? <IconBolt /> : <IconDatabase />}
      title={hit ? 'Served from the cache' : 'Loaded from the database'}
    >
      <Text size="sm">
        {name} in {formatMs(last.duration_ms)}, the whole lookup in the configuration service.
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {breakdown(last)}
      </Text>
    </Alert>
  );
}

interface Props {
  options: SectorOption[];
  sector: string | null;
  onSector: (sector: string | null) => void;
  last: FetchConfigResult | null;
  /** The log entry that has since removed the last fetch's key, if one has. */
  removed: CacheLogEntry | null;
  onFetched: (result: FetchConfigResult) => void;
}

export function FetchPanel({ options, sector, onSector, last, removed, onFetched }: Props) {
  const [running, run] = useAction();
  const fetchConfig = () =>
    run(async () => {
      if (sector === null) return;
      const result = await call('cache:fetch', { focus_group_id: sector });
      if (result !== null) onFetched(result);
    });
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
          onChange={onSector}
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
        {last !== null && <Outcome last={last} removed={removed} />}
      </Stack>
    </Card>
  );
}
