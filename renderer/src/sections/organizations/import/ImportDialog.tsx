import { Anchor, Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { IconFileImport, IconX } from '@tabler/icons-react';
import type { FieldSpec } from '../../../../../shared/org-fields';
import { bridge } from '../../../api/bridge';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { useImport, type ImportState } from './use-import';

function Running({ state }: { state: ImportState }) {
  const { progress } = state;
  const writing = progress !== null && progress.total > 0;
  return (
    <Stack gap="sm">
      <Progress
        value={writing ? (progress.done / progress.total) * 100 : 0}
        animated
        size="lg"
        aria-label="Import progress"
      />
      <Text size="sm" c="dimmed">
        {writing
          ? `Writing ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} rows in one transaction`
          : `Checking every row${progress === null ? '' : `: ${progress.done.toLocaleString()}`}`}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" leftSection={<IconX size={16} />} onClick={state.cancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

function Summary({ state, onClose }: { state: ImportState; onClose: () => void }) {
  const { summary, source } = state;
  if (summary === null) return null;
  const download = source === null ? null : bridge.rejectedRowsUrl(source.import_id);
  return (
    <Stack gap="sm">
      <Text fw={600}>{summary.message}</Text>
      <Text size="sm">
        Inserted {summary.inserted.toLocaleString()} · updated {summary.updated.toLocaleString()} · skipped{' '}
        {summary.skipped.toLocaleString()} · rejected {summary.rejected.toLocaleString()}
      </Text>
      {summary.rejected_file !== null &&
        (download === null ? (
          <Text size="sm">Rejected rows with their reasons: {summary.rejected_file}</Text>
        ) : (
          <Anchor href={download} download={summary.rejected_file} size="sm">
            Download the rejected rows with their reasons
          </Anchor>
        ))}
      <Group justify="flex-end">
        <Button onClick={onClose}>Close</Button>
      </Group>
    </Stack>
  );
}

/** Import organizations from CSV or Excel: choose, map, preview every problem, import, summary. */
function ImportSteps({
  fields,
  onClose,
  onImported,
}: {
  fields: FieldSpec[];
  onClose: () => void;
  onImported: () => void;
}) {
  const state = useImport(onImported);
  switch (state.step) {
    case 'choose':
      return (
        <Stack gap="md">
          <Text size="sm">
            A CSV (UTF-8, as the app or a spreadsheet writes it) or an Excel workbook (.xlsx). Columns are
            matched by name or by the grid’s labels; you can choose the rest.
          </Text>
          <Group justify="flex-end">
            <Button
              leftSection={<IconFileImport size={16} />}
              onClick={() => void state.choose()}
              loading={state.busy}
            >
              Choose a file
            </Button>
          </Group>
        </Stack>
      );
    case 'map':
      return <MappingStep state={state} fields={fields} />;
    case 'preview':
      return <PreviewStep state={state} fields={fields} />;
    case 'running':
      return <Running state={state} />;
    case 'done':
      return <Summary state={state} onClose={onClose} />;
  }
}

export function ImportDialog(props: {
  opened: boolean;
  fields: FieldSpec[];
  onClose: () => void;
  onImported: () => void;
}) {
  const { opened, ...rest } = props;
  return (
    <Modal
      opened={opened}
      onClose={rest.onClose}
      title="Import organizations"
      size="xl"
      closeOnClickOutside={false}
    >
      {opened && <ImportSteps {...rest} />}
    </Modal>
  );
}
