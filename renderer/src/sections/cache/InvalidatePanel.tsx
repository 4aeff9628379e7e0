import { Alert, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { InvalidateResult } from '../../../../shared/domain';
import { call, useAction } from '../../api/bridge';
import { plural } from '../../format';
import type { SectorOption } from '../../state/sectors';

const allSectors = 'all';

export function InvalidatePanel({ options }: { options: SectorOption[] }) {
  const [scope, setScope] = useState<string | null>(allSectors);
  const [last, setLast] = useState<InvalidateResult | null>(null);
  const [running, run] = useAction();
  const invalidate = () =>
    run(async () => {
      const focus_group_id = scope === null || scope === allSectors ? null : scope;
      const result = await call('cache:invalidate', { focus_group_id });
      if (result !== null) setLast(result);
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
          data={[{ value: allSectors, label: 'All Sectors' }, ...options]}
          value={scope}
          onChange={setScope}
          allowDeselect={false}
        />
        <Group>
          <Button
            color="red"
            variant="light"
            leftSection={<IconTrash size={18} />}
            loading={running}
            onClick={() => void invalidate()}
          >
            Invalidate Cache
          </Button>
        </Group>
        {last !== null && (
          <Alert
            variant="light"
            color="gray"
            title={last.scope === 'all' ? 'Cache flushed' : 'Sector invalidated'}
          >
            {last.scope === 'all'
              ? last.deleted === 0
                ? 'FLUSHALL found the cache already empty.'
                : `FLUSHALL removed ${plural(last.deleted, 'cached key')}: ${last.keys.join(', ')}.`
              : `${plural(last.deleted, 'cached key')} deleted (checked ${last.keys.join(', ')}).`}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
