import { Modal, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { copyFormats, useCopyOptions } from './grid/copy-text';

const formatLabels = { tsv: 'TSV', csv: 'CSV', json: 'JSON' } as const;

interface Props {
  opened: boolean;
  onClose: () => void;
}

/** How Ctrl+C copies the grid's cells: format, headers, formatted or raw; remembered here. */
export function CopyOptionsDialog({ opened, onClose }: Props) {
  const [options, setOptions] = useCopyOptions();
  return (
    <Modal opened={opened} onClose={onClose} returnFocus={false} title="Copy options" size="sm">
      <Stack gap="sm">
        <Text size="sm">Ctrl+C copies the selected cells</Text>
        <SegmentedControl
          size="xs"
          aria-label="Copy as"
          value={options.format}
          onChange={(format) =>
            setOptions({ ...options, format: copyFormats.find((f) => f === format) ?? 'tsv' })
          }
          data={copyFormats.map((value) => ({ value, label: formatLabels[value] }))}
        />
        <Switch
          size="xs"
          label="With headers"
          disabled={options.format === 'json'}
          checked={options.headers || options.format === 'json'}
          onChange={(event) => setOptions({ ...options, headers: event.currentTarget.checked })}
        />
        <Switch
          size="xs"
          label="Formatted as on screen"
          checked={options.formatted}
          onChange={(event) => setOptions({ ...options, formatted: event.currentTarget.checked })}
        />
        <Text size="xs" c="dimmed">
          Raw values paste as numbers into a spreadsheet; formatted ones read as the grid shows them ($1.19 B,
          66.36%, Yes).
        </Text>
      </Stack>
    </Modal>
  );
}
