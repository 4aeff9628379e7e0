import { Alert, Button, Card, Code, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { InvalidateResult } from '../../../../shared/domain';
import { call, useAction } from '../../api/bridge';
import { rescueFocus } from '../../focus';
import { plural } from '../../format';
import type { SectorOption } from '../../state/sectors';

const allSectors = 'all';

function describe(result: InvalidateResult): string {
  if (result.scope === 'sector')
    return `${plural(result.deleted, 'cached key')} deleted (checked ${result.keys.join(', ')}).`;
  return result.deleted === 0
    ? 'FLUSHALL found the cache already empty.'
    : `FLUSHALL removed ${plural(result.deleted, 'cached key')}: ${result.keys.join(', ')}.`;
}

/** FLUSHALL empties the cache for every sector and every instance sharing it: it asks first, with the count. */
function FlushConfirm({
  keys,
  onConfirm,
  onClose,
  onClosed,
}: {
  keys: string[] | null;
  onConfirm: () => void;
  onClose: () => void;
  onClosed: () => void;
}) {
  const count = keys?.length ?? 0;
  return (
    <Modal
      opened={keys !== null}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      title="Flush the whole cache?"
      centered
    >
      <Stack gap="md">
        <Text size="sm">
          {count === 0
            ? 'The cache holds no key now: FLUSHALL has nothing to remove.'
            : `FLUSHALL removes all ${plural(count, 'key')} the cache holds, for every sector: the next fetch of each loads from the database.`}
        </Text>
        {count > 0 && (
          <Group gap={6}>
            {keys?.slice(0, 12).map((key) => (
              <Code key={key}>{key}</Code>
            ))}
            {count > 12 && <Text size="sm">and {count - 12} more</Text>}
          </Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm}>
            Flush {plural(count, 'key')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface Props {
  options: SectorOption[];
  /** The sector being fetched: the scope follows it, so that one sector is what goes by default. */
  sector: string | null;
  /** Bumped by every fetch: the last invalidation's outcome is then no longer what the cache holds. */
  fetches: number;
}

export function InvalidatePanel({ options, sector, fetches }: Props) {
  const [scope, setScope] = useState<{ value: string | null; follows: string | null }>({
    value: sector,
    follows: sector,
  });
  if (scope.follows !== sector) setScope({ value: sector, follows: sector });
  const [last, setLast] = useState<{ result: InvalidateResult; fetches: number } | null>(null);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [running, run] = useAction();

  const button = useRef<HTMLButtonElement>(null);

  async function invalidate(focus_group_id: string | null) {
    setConfirming(null);
    const result = await call('cache:invalidate', { focus_group_id });
    if (result !== null) setLast({ result, fetches });
  }
  const start = () =>
    run(async () => {
      if (scope.value !== allSectors) return invalidate(scope.value);
      // The count the confirmation names is read now, not from the last refresh of the panel beside.
      const stats = await call('cache:stats', {});
      if (stats !== null) setConfirming(stats.keys.map((k) => k.key));
    });
  return (
    <Card withBorder padding="lg" h="100%">
      <Stack gap="sm">
        <Text fw={600}>Invalidate</Text>
        <Text size="sm" c="dimmed">
          Deletes one sector's cached configuration, or flushes the whole cache. Editing a sector's weights or
          calibrations does this for you after the write commits.
        </Text>
        <Select
          label="Select scope for cache invalidation"
          placeholder="Choose a sector, or All Sectors"
          data={[{ value: allSectors, label: 'All Sectors' }, ...options]}
          value={scope.value}
          onChange={(value) => setScope({ value, follows: sector })}
          allowDeselect={false}
        />
        <Group>
          <Button
            ref={button}
            color="red"
            variant="light"
            leftSection={<IconTrash size={18} />}
            loading={running}
            disabled={scope.value === null}
            onClick={() => void start()}
          >
            Invalidate Cache
          </Button>
        </Group>
        {last !== null && last.fetches === fetches && (
          <Alert
            variant="light"
            color="gray"
            title={last.result.scope === 'all' ? 'Cache flushed' : 'Sector invalidated'}
          >
            {describe(last.result)}
          </Alert>
        )}
      </Stack>
      <FlushConfirm
        keys={confirming}
        onConfirm={() => void run(() => invalidate(null))}
        onClose={() => setConfirming(null)}
        onClosed={() => rescueFocus(button.current)}
      />
    </Card>
  );
}
