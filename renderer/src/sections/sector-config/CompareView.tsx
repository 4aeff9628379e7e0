import type { WriteRun } from '../../api/use-write';
import { Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Dimension, SectorConfigJson, SectorDetails } from '../../../../shared/domain';
import { formatCalibration } from '../../../../shared/sector-config';
import { call, notifyConflict, notifyError, notifySuccess } from '../../api/bridge';
import { TitledCard } from '../../components/TitledCard';
import { CalibrationForm } from './CalibrationForm';
import { compareRows, type CompareCell, type CompareRow } from './compare';
import { CompareChart } from './CompareChart';
import { CompareTable } from './CompareTable';
import { calibrationText, CalibrationName } from './labels';
import { saveOutcome } from './save-conflict';
import { WeightsForm } from './WeightsForm';

type Editing =
  | { kind: 'weight'; details: SectorDetails; focus: string }
  | { kind: 'calibration'; cell: CompareCell; key: string; value: number; versionId: number | undefined };

type EditingCalibration = Extract<Editing, { kind: 'calibration' }>;

/** One sector's calibration in a dialog, opened from its cell of the side-by-side table. */
function CalibrationModal({
  editing,
  onSave,
  onClose,
}: {
  editing: EditingCalibration | null;
  onSave: (editing: EditingCalibration, value: number, rationale: string, run: WriteRun) => Promise<boolean>;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      centered
      title={
        editing !== null ? (
          <>
            {editing.cell.group_name}: <CalibrationName name={editing.key} />
          </>
        ) : null
      }
    >
      {editing !== null && (
        <CalibrationForm
          label={calibrationText(editing.key)}
          value={editing.value}
          onSave={(value, rationale, run) => onSave(editing, value, rationale, run)}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}

/** Every sector's configuration, read through the cache, and the dimensions, again at each `version`. */
function useAllSectors(version: number) {
  const [configs, setConfigs] = useState<SectorConfigJson[] | null>(null);
  const [dimensions, setDimensions] = useState<Dimension[]>([]);
  useEffect(() => {
    let current = true;
    void Promise.all([call('config:all', {}), call('dimensions:list', {})]).then(([all, dims]) => {
      if (!current || all === null || dims === null) return;
      setConfigs(all);
      setDimensions(dims);
    });
    return () => {
      current = false;
    };
  }, [version]);
  return { configs, dimensions };
}

/** All seven sectors side by side, read through the cache (`sectors:all`). */
export function CompareView({ version, onChanged }: { version: number; onChanged: () => void }) {
  const { configs, dimensions } = useAllSectors(version);
  const [editing, setEditing] = useState<Editing | null>(null);

  /** The editor starts from the database's current version (the table may be a cached copy). */
  async function openWeights(sectorId: string, focus: string) {
    const details = await call('config:details', { focus_group_id: sectorId });
    if (details !== null) setEditing({ kind: 'weight', details, focus });
  }

  async function open(kind: CompareRow['kind'], key: string, cell: CompareCell) {
    if (cell.value === null) return;
    if (kind === 'weight') return openWeights(cell.focus_group_id, key);
    const details = await call('config:details', { focus_group_id: cell.focus_group_id });
    if (details === null) return;
    const current = details.calibrations.find((c) => c.parameter_name === key);
    setEditing({
      kind: 'calibration',
      cell,
      key,
      value: current?.value ?? cell.value,
      versionId: current?.calibration_id,
    });
  }

  async function saveCalibration(
    editing: EditingCalibration,
    value: number,
    rationale: string,
    run: WriteRun,
  ) {
    const { key, cell } = editing;
    const outcome = saveOutcome(
      await run('config:updateCalibration', {
        focus_group_id: cell.focus_group_id,
        parameter_name: key,
        value,
        rationale,
        calibration_id: editing.versionId,
      }),
    );
    if (outcome.kind === 'conflict') {
      notifyConflict(outcome.message);
      onChanged();
      await open('calibration', key, cell);
      return false;
    }
    if (outcome.kind === 'failed') notifyError(outcome.error);
    if (outcome.kind !== 'saved') return false;
    notifySuccess(
      'Calibration saved',
      `${calibrationText(key)} is now ${formatCalibration(value)} for ${cell.group_name}.`,
    );
    onChanged();
    return true;
  }

  if (configs === null) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        Loading every sector…
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      <TitledCard title="Weights by dimension, every sector">
        <div style={{ position: 'relative', height: 300 }}>
          <CompareChart configs={configs} dimensions={dimensions} />
        </div>
      </TitledCard>
      <TitledCard title="Side by side">
        <Group gap="md" mb="sm">
          <Text size="sm" c="dimmed">
            Each value with its difference from the cross-sector mean; click one to edit it.
          </Text>
          <Text size="sm" c="var(--mantine-color-teal-light-color)" fw={600}>
            ▲ a standard deviation or more above the mean
          </Text>
          <Text size="sm" c="var(--mantine-color-orange-light-color)" fw={600}>
            ▼ or below it
          </Text>
        </Group>
        <CompareTable
          configs={configs}
          rows={compareRows(configs, dimensions)}
          onOpen={(row, cell) => void open(row.kind, row.key, cell)}
        />
      </TitledCard>
      <WeightsForm
        opened={editing?.kind === 'weight'}
        sector={editing?.kind === 'weight' ? editing.details.config.group_name : ''}
        sectorId={editing?.kind === 'weight' ? editing.details.config.focus_group_id : ''}
        weights={editing?.kind === 'weight' ? editing.details.weights : null}
        focus={editing?.kind === 'weight' ? editing.focus : null}
        onClose={() => setEditing(null)}
        onSaved={onChanged}
        onReload={() => {
          onChanged();
          if (editing?.kind === 'weight')
            void openWeights(editing.details.config.focus_group_id, editing.focus);
        }}
      />
      <CalibrationModal
        editing={editing?.kind === 'calibration' ? editing : null}
        onSave={saveCalibration}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}
