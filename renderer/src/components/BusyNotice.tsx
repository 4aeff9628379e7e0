import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import type { WriteState } from '../api/use-write';

/**
 * In the form that is saving: while the save waits for another process's lock, why and for how
 * long, with a Cancel that abandons it; after a cancel, or a wait that ran out, that nothing was
 * saved and the form is as typed.
 */
export function BusyNotice({ write }: { write: WriteState }) {
  if (write.busySeconds !== null) {
    return (
      <Alert
        color="yellow"
        variant="light"
        role="status"
        icon={<IconHourglass size={18} />}
        title="The database is busy"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            Another process is writing to the database, so this save waits its turn
            {write.busySeconds > 0 ? ` (${write.busySeconds}\u00a0s so far)` : ''}. It goes ahead as soon as
            the other write ends.
          </Text>
          <Button
            size="xs"
            variant="outline"
            color="yellow"
            onClick={write.cancel}
            disabled={write.cancelled}
          >
            Stop waiting: cancel this save
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (write.gaveUp !== null) {
    return (
      <Alert color="orange" variant="light" role="status" title="Not saved: the database stayed busy">
        {write.gaveUp} Nothing was saved; what you typed is still here.
      </Alert>
    );
  }
  if (write.cancelled) {
    return (
      <Alert color="gray" variant="light" role="status" title="Save cancelled">
        Nothing was saved; what you typed is still here. Save again when the other process is done.
      </Alert>
    );
  }
  return null;
}
