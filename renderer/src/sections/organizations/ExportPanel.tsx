import { Button, Group, Progress, Text } from '@mantine/core';
import { IconDownload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProgressEvent } from '../../../../shared/domain';
import { call, notifySuccess, useAction, useBridgeEvent } from '../../api/bridge';
import { plural } from '../../format';
import { exportOrganizations, type ExportFilter } from './export-orgs';

/** Exports the grid's current filter and sort, with the task's progress and a way to stop it. */
export function ExportPanel({ filter, total }: { filter: ExportFilter; total: number }) {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [running, run] = useAction();

  useBridgeEvent('progress', (event) => {
    if (event.task === 'orgs:export') setProgress(event.finished ? null : event);
  });

  const start = () =>
    run(async () => {
      const outcome = await exportOrganizations(filter);
      setProgress(null);
      if (outcome === null || outcome.target === null) return;
      const rows = plural(outcome.rows, 'row');
      if (outcome.cancelled)
        notifySuccess('Export cancelled', `Stopped after ${rows}; no partial file is kept.`);
      else if (outcome.download) notifySuccess('Export downloaded', `${rows} in ${outcome.target}`);
      else notifySuccess('Export saved', `${rows} written to ${outcome.target}`);
    });

  const percent = progress === null || progress.total === 0 ? 0 : (progress.done / progress.total) * 100;
  return (
    <Group gap="xs" wrap="nowrap">
      {running && progress !== null && (
        <>
          <Progress value={percent} w={140} size="lg" animated aria-label="Export progress" />
          <Text size="xs" c="dimmed" miw={110}>
            {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconX size={14} />}
            onClick={() => void call('orgs:cancelExport', {})}
          >
            Cancel export
          </Button>
        </>
      )}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconDownload size={14} />}
        loading={running}
        disabled={total === 0}
        onClick={() => void start()}
      >
        Export CSV ({total.toLocaleString()})
      </Button>
    </Group>
  );
}
