import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { call, notifySuccess, useAction } from '../../api/bridge';
import { useDbStatus } from '../../state/status';

/**
 * "Reset demo": shown only where a demo database ships with the app (the installed desktop app, or
 * a browser host started with SECTOR_STUDIO_DEMO_DB). Asks first, since it replaces every row.
 */
export function ResetDemo({ onReset }: { onReset: () => void }) {
  const [available, setAvailable] = useState(false);
  const [opened, setOpened] = useState(false);
  const [running, run] = useAction();
  const { refresh } = useDbStatus();

  useEffect(() => {
    let current = true;
    void call('demo:status', {}).then(
      (status) => current && status !== null && setAvailable(status.available),
    );
    return () => {
      current = false;
    };
  }, []);

  const reset = () =>
    run(async () => {
      const result = await call('demo:reset', { confirm: true });
      if (result === null) return;
      setOpened(false);
      notifySuccess('Demo restored', result.message);
      await refresh();
      onReset();
    });

  if (!available) return null;
  return (
    <>
      <Button
        variant="light"
        color="red"
        leftSection={<IconRestore size={18} />}
        onClick={() => setOpened(true)}
        // Beside a long title the title wraps; the button keeps its whole label.
        flex="none"
      >
        Reset demo
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Reset the demo database?" centered>
        <Stack gap="md">
          <Text size="sm">
            Every weight, calibration, version and organization in this database is replaced by the
            demo&apos;s: the seeded reference configuration and its sample organizations. Your changes cannot
            be recovered afterwards (export the configuration first to keep them).
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button color="red" loading={running} onClick={() => void reset()}>
              Reset demo
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
