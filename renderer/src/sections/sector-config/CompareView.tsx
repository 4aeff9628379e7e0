import { Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Dimension, SectorConfigJson, SectorDetails } from '../../../../shared/domain';
import { formatCalibration } from '../../../../shared/sector-config';
import { call, notifySuccess } from '../../api/bridge';
import { TitledCard } from '../../components/TitledCard';
import { CalibrationForm } from './CalibrationForm';
import { compareRows, type CompareCell, type CompareRow } from './compare';
import { CompareChart } from './CompareChart';
import { CompareTable } from './CompareTable';
import { calibrationText, CalibrationName } from './labels';
import { WeightsForm } from './WeightsForm';

type Editing =
  | { kind: 'weight'; details: SectorDetails; focus: string }
  | { kind: 'calibration'; cell: CompareCell; key: string; value: number };

/** All seven sectors side by side, read through the cache (`sectors:all`). */
export function CompareView({ version, onChanged }: { version: number; onChanged: () => void }) {
  const [configs, setConfigs] = useState<SectorConfigJson[] | null>(null);
  const [dimensions, setDimensions] = useState<Dimension[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);

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

  async function open(row: CompareRow, cell: CompareCell) {
    if (cell.value === null) return;
    if (row.kind === 'calibration') {
      setEditing({ kind: 'calibration', cell, key: row.key, value: cell.value });
      return;
    }
    const details = await call('config:details', { focus_group_id: cell.focus_group_id });
    if (details !== null) setEditing({ kind: 'weight', details, focus: row.key });
  }

  async function saveCalibration(key: string, cell: CompareCell, value: number, rationale: string) {
    const next = await call('config:updateCalibration', {
      focus_group_id: cell.focus_group_id,
      parameter_name: key,
      value,
      rationale,
    });
    if (next === null) return false;
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
          <Text size="sm" c="teal" fw={600}>
            ▲ a standard deviation or more above the mean
          </Text>
          <Text size="sm" c="orange" fw={600}>
            ▼ or below it
          </Text>
        </Group>
        <CompareTable
          configs={configs}
          rows={compareRows(configs, dimensions)}
          onOpen={(row, cell) => void open(row, cell)}
        />
      </TitledCard>
      <WeightsForm
        opened={editing?.kind === 'weight'}
        sector={editing?.kind === 'weight' ? editing.details.config.group_name : ''}
        focusGroupId={editing?.kind === 'weight' ? editing.details.config.focus_group_id : ''}
        weights={editing?.kind === 'weight' ? editing.details.weights : null}
        focus={editing?.kind === 'weight' ? editing.focus : null}
        onClose={() => setEditing(null)}
        onSaved={onChanged}
      />
      <Modal
        opened={editing?.kind === 'calibration'}
        onClose={() => setEditing(null)}
        centered
        title={
          editing?.kind === 'calibration' ? (
            <>
              {editing.cell.group_name}: <CalibrationName name={editing.key} />
            </>
          ) : null
        }
      >
        {editing?.kind === 'calibration' && (
          <CalibrationForm
            label={calibrationText(editing.key)}
            value={editing.value}
            onSave={(value, rationale) => saveCalibration(editing.key, editing.cell, value, rationale)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
