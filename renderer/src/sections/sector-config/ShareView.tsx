import { Alert, Button, FileButton, Grid, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconDownload, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConfigDifference, ImportPreview } from '../../../../shared/domain';
import { formatCalibration, formatWeight } from '../../../../shared/sector-config';
import { bridge, notifyError, notifySuccess, useAction } from '../../api/bridge';
import { useWrite } from '../../api/use-write';
import { shownInPlace } from '../../api/write-errors';
import { BusyNotice } from '../../components/BusyNotice';
import { TitledCard } from '../../components/TitledCard';
import type { SectorOption } from '../../state/sectors';
import { CalibrationName } from './labels';

const allSectors = 'all';
/** Larger files are not configurations (an export of every sector is a few kilobytes). */
const MAX_FILE_BYTES = 1_000_000;

function format(d: ConfigDifference, value: number | null): string {
  if (value === null) return '(new)';
  return d.kind === 'weight' ? formatWeight(value) : formatCalibration(value);
}

function ExportCard({ options }: { options: SectorOption[] }) {
  const [scope, setScope] = useState<string | null>(allSectors);
  const [running, run] = useAction();
  const sectorId = scope === null || scope === allSectors ? null : scope;
  const exportConfig = () =>
    run(async () => {
      const result = await bridge.saveConfiguration({ focus_group_id: sectorId });
      if (!result.ok) return notifyError(result.error);
      if (result.value?.path)
        notifySuccess(
          'Configuration exported',
          `${result.value.sectors} sector(s) written to ${result.value.path}.`,
        );
    });
  return (
    <TitledCard title="Export" fill>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A JSON file with the weights and calibrations in force today, their rationale, a format version and
          a checksum. Another analyst imports it to see and apply the differences.
        </Text>
        <Select
          label="What to export"
          data={[{ value: allSectors, label: 'All Sectors' }, ...options]}
          value={scope}
          onChange={setScope}
          allowDeselect={false}
        />
        <Group>
          <Button
            leftSection={<IconDownload size={18} />}
            loading={running}
            onClick={() => void exportConfig()}
          >
            Export configuration
          </Button>
        </Group>
      </Stack>
    </TitledCard>
  );
}

function Differences({ preview }: { preview: ImportPreview }) {
  return (
    <Table verticalSpacing={4} fz="sm" aria-label="Differences">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Sector</Table.Th>
          <Table.Th>Item</Table.Th>
          <Table.Th ta="right">Now</Table.Th>
          <Table.Th ta="right">In the file</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.differences.map((d) => (
          <Table.Tr key={`${d.focus_group_id}:${d.kind}:${d.key}`}>
            <Table.Td>{d.group_name}</Table.Td>
            <Table.Td>
              {d.kind === 'weight' ? `${d.label} weight` : <CalibrationName name={d.key} />}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" c="dimmed">
              {format(d, d.current)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" fw={700}>
              {format(d, d.incoming)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ImportCard({ onChanged }: { onChanged: () => void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [running, run] = useAction();
  const write = useWrite();

  const choose = (chosen: File | null) =>
    run(async () => {
      setPreview(null);
      setRefusal(null);
      setFile(null);
      if (chosen === null) return;
      if (chosen.size > MAX_FILE_BYTES)
        return setRefusal('The file is larger than 1 MB: not a configuration');
      const text = await chosen.text();
      // The upload is a JSON body through the contract, the same path in the desktop app and the browser.
      const result = await bridge.invoke('config:previewImport', { text });
      if (!result.ok) return setRefusal(result.error.message);
      setFile({ name: chosen.name, text });
      setPreview(result.value);
    });

  const apply = () =>
    run(async () => {
      if (file === null) return;
      const result = await write.run('config:import', { text: file.text });
      if (!result.ok) {
        if (!shownInPlace(result.error)) notifyError(result.error);
        return;
      }
      notifySuccess('Configuration imported', result.value.message);
      setPreview(null);
      setFile(null);
      onChanged();
    });

  const n = preview?.differences.length ?? 0;
  return (
    <TitledCard title="Import" fill>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Choose a file exported by Sector Studio. You see every difference before anything changes; applying
          writes them in one transaction, each as a new dated version.
        </Text>
        <Group>
          <FileButton onChange={(chosen) => void choose(chosen)} accept="application/json,.json">
            {(props) => (
              <Button {...props} variant="light" leftSection={<IconFileImport size={18} />} loading={running}>
                Choose a configuration file…
              </Button>
            )}
          </FileButton>
        </Group>
        {refusal !== null && (
          <Alert color="red" variant="light" title="This file cannot be imported">
            {refusal}. Nothing was changed.
          </Alert>
        )}
        {preview !== null && file !== null && (
          <Stack gap="sm">
            <Text size="sm">
              <b>{file.name}</b>, exported {preview.exported_at.slice(0, 10)}, covers {preview.sectors.length}{' '}
              sector
              {preview.sectors.length === 1 ? '' : 's'}:{' '}
              {n === 0 ? 'it matches the current configuration.' : `${n} difference${n === 1 ? '' : 's'}.`}
            </Text>
            {n > 0 && <Differences preview={preview} />}
            <BusyNotice write={write} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPreview(null)}>
                {n === 0 ? 'Close' : 'Cancel'}
              </Button>
              {n > 0 && (
                <Button leftSection={<IconCheck size={16} />} loading={running} onClick={() => void apply()}>
                  Apply {n} change{n === 1 ? '' : 's'}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </TitledCard>
  );
}

/** Share configurations as files: export one sector or all, import with a preview of the differences. */
export function ShareView({ options, onChanged }: { options: SectorOption[]; onChanged: () => void }) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <ExportCard options={options} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <ImportCard onChanged={onChanged} />
      </Grid.Col>
    </Grid>
  );
}
