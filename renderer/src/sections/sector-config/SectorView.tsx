import { Button, Card, Grid, Group, Stack, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { WriteRun } from '../../api/use-write';
import type { SectorDetails } from '../../../../shared/domain';
import { formatCalibration } from '../../../../shared/sector-config';
import { notifyConflict, notifyError, notifySuccess } from '../../api/bridge';
import { TitledCard } from '../../components/TitledCard';
import { AddCalibration } from './AddCalibration';
import { CalibrationCards } from './CalibrationCards';
import { CalibrationsTable } from './CalibrationsTable';
import { calibrationText } from './labels';
import { saveOutcome } from './save-conflict';
import { WeightsChart } from './WeightsChart';
import { WeightsForm } from './WeightsForm';
import { WeightsSum } from './WeightsSum';
import { WeightsTable } from './WeightsTable';

interface Props {
  details: SectorDetails;
  /** Something changed: read the sector (and anything else shown) again. */
  onChanged: () => void;
}

/** One sector's configuration: the named calibrations, the weights, every calibration. */
export function SectorView({ details, onChanged }: Props) {
  const { config, weights, calibrations } = details;
  const id = config.focus_group_id;
  const [editing, setEditing] = useState<{ focus: string | null } | null>(null);

  async function editCalibration(
    parameter_name: string,
    value: number,
    rationale: string,
    run: WriteRun,
  ): Promise<boolean> {
    const outcome = saveOutcome(
      await run('config:updateCalibration', {
        focus_group_id: id,
        parameter_name,
        value,
        rationale,
        // The version on screen: refused if someone saved another since.
        calibration_id: calibrations.find((c) => c.parameter_name === parameter_name)?.calibration_id,
      }),
    );
    if (outcome.kind !== 'saved') {
      if (outcome.kind === 'conflict') {
        notifyConflict(outcome.message);
        onChanged();
      } else if (outcome.kind === 'failed') notifyError(outcome.error);
      return false;
    }
    const next = outcome.value;
    onChanged();
    notifySuccess(
      'Calibration saved',
      `${calibrationText(parameter_name)} is now ${formatCalibration(value)} for ${next.group_name}.`,
    );
    return true;
  }

  return (
    <Stack gap="lg">
      <CalibrationCards config={config} onEdit={editCalibration} />
      <WeightsSum config={config} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder padding="lg" h="100%">
            <Group justify="space-between" mb="sm">
              <Title order={3} size="h4">
                Dimension weights
              </Title>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing({ focus: null })}
              >
                Edit weights
              </Button>
            </Group>
            <WeightsTable weights={weights} onEdit={(code) => setEditing({ focus: code })} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <TitledCard title="Weights by dimension" fill>
            <div style={{ position: 'relative', height: 380 }}>
              <WeightsChart weights={weights} sector={config.group_name} />
            </div>
          </TitledCard>
        </Grid.Col>
      </Grid>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            Calibrations
          </Title>
          <AddCalibration
            sectorId={id}
            sector={config.group_name}
            existing={calibrations.map((c) => c.parameter_name)}
            onAdded={onChanged}
          />
        </Group>
        <CalibrationsTable calibrations={calibrations} onEdit={editCalibration} />
      </Card>
      <WeightsForm
        opened={editing !== null}
        sector={config.group_name}
        sectorId={id}
        weights={weights}
        focus={editing?.focus ?? null}
        onClose={() => setEditing(null)}
        onSaved={onChanged}
        onReload={onChanged}
      />
    </Stack>
  );
}
