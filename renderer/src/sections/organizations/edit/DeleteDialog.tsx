import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { OrgRow } from '../../../../../shared/domain';
import { call, notifySuccess, useAction } from '../../../api/bridge';
import { plural } from '../../../format';
import { rememberOwn } from './own-changes';

const named = 5;

/** Puts deleted organizations back with their ids and values; the notification's Undo calls it. */
async function undo(rows: OrgRow[], id: string, onChanged: () => void): Promise<void> {
  notifications.hide(id);
  const restored = await call('orgs:restore', { rows });
  if (restored === null) return;
  rememberOwn(restored.changes);
  notifySuccess('Delete undone', `${plural(restored.restored, 'organization')} restored.`);
  onChanged();
}

/**
 * Deleting organizations: a confirmation that says how many (and names the first few), then a
 * notification with Undo for the last delete.
 */
export function useDeleteRows(onChanged: () => void) {
  const [asked, setAsked] = useState<OrgRow[] | null>(null);
  const [running, run] = useAction();
  const confirm = () =>
    run(async () => {
      const rows = asked ?? [];
      setAsked(null);
      const deleted = await call('orgs:delete', { ids: rows.map((r) => String(r.organization_id)) });
      if (deleted === null) return;
      rememberOwn(deleted.changes);
      onChanged();
      const id = `deleted-${deleted.changes[1]}`;
      notifications.show({
        id,
        color: 'teal',
        title: `Deleted ${plural(deleted.rows.length, 'organization')}`,
        autoClose: 15_000,
        message: (
          <Group justify="space-between" gap="xs">
            <Text size="sm">They are gone from every view.</Text>
            <Button size="compact-sm" variant="light" onClick={() => void undo(deleted.rows, id, onChanged)}>
              Undo
            </Button>
          </Group>
        ),
      });
    });
  const n = asked?.length ?? 0;
  const dialog = (
    <Modal
      opened={asked !== null}
      onClose={() => setAsked(null)}
      title={`Delete ${plural(n, 'organization')}?`}
    >
      <Stack gap="md">
        <Text size="sm">
          {(asked ?? [])
            .slice(0, named)
            .map((r) => String(r.legal_name))
            .join(', ')}
          {n > named ? ` and ${plural(n - named, 'other')}` : ''} will be deleted with{' '}
          {n === 1 ? 'its' : 'their'} sector attributes. You can undo this right after.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsked(null)}>
            Keep {n === 1 ? 'it' : 'them'}
          </Button>
          <Button color="red" loading={running} onClick={() => void confirm()} data-autofocus>
            Delete {plural(n, 'organization')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { ask: setAsked, dialog };
}
