import { Card, Grid, Select, Stack, Text } from '@mantine/core';
import { TitledCard } from '../components/TitledCard';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Dimension, SectorConfigJson } from '../../../shared/domain';
import { call, notifySuccess } from '../api/bridge';
import { Prerequisite } from '../components/Prerequisite';
import { SectionHeader } from '../components/SectionHeader';
import { sectorOptions, useSectors } from '../state/sectors';
import { CalibrationCards } from './sector-config/CalibrationCards';
import { WeightsChart } from './sector-config/WeightsChart';
import { WeightsSum } from './sector-config/WeightsSum';
import { WeightsTable } from './sector-config/WeightsTable';
import { weightRows } from './sector-config/weight-rows';

function SectorConfigView({
  config,
  dimensions,
  onChange,
}: {
  config: SectorConfigJson;
  dimensions: Dimension[];
  onChange: (config: SectorConfigJson) => void;
}) {
  const rows = weightRows(config, dimensions);
  const id = config.focus_group_id;

  async function editWeight(dimension_code: string, weight: number): Promise<boolean> {
    const next = await call('config:updateWeight', { focus_group_id: id, dimension_code, weight });
    if (next === null) return false;
    onChange(next);
    notifySuccess('Weight saved', `${dimension_code} is now ${weight} for ${next.group_name}.`);
    return true;
  }

  async function editCalibration(parameter_name: string, value: number): Promise<boolean> {
    const next = await call('config:updateCalibration', { focus_group_id: id, parameter_name, value });
    if (next === null) return false;
    onChange(next);
    notifySuccess('Calibration saved', `${parameter_name} is now ${value} for ${next.group_name}.`);
    return true;
  }

  return (
    <Stack gap="lg">
      <CalibrationCards config={config} onEdit={editCalibration} />
      <WeightsSum config={config} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TitledCard title="Dimension weights" fill>
            <WeightsTable rows={rows} onEdit={editWeight} />
          </TitledCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <TitledCard title="Weights by dimension" fill>
            <div style={{ position: 'relative', height: 380 }}>
              <WeightsChart rows={rows} sector={config.group_name} />
            </div>
          </TitledCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function SectorConfigBody() {
  const sectors = useSectors();
  const [selected, setSelected] = useState<string | null>(null);
  const [config, setConfig] = useState<SectorConfigJson | null>(null);
  const [dimensions, setDimensions] = useState<Dimension[]>([]);

  useEffect(() => {
    void call('dimensions:list', {}).then((list) => list !== null && setDimensions(list));
  }, []);

  useEffect(() => {
    if (selected === null) return;
    let current = true;
    void call('config:get', { focus_group_id: selected }).then((next) => {
      if (current && next !== null) setConfig(next);
    });
    return () => {
      current = false;
    };
  }, [selected]);

  const shown = config !== null && config.focus_group_id === selected ? config : null;
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <Select
          label="Select a Sector"
          description="Its calibrations and dimension weights are read from the database."
          placeholder="Choose a sector"
          data={sectorOptions(sectors)}
          value={selected}
          onChange={setSelected}
          allowDeselect={false}
          maw={420}
        />
      </Card>
      {shown === null ? (
        <Text c="dimmed" ta="center" py="xl">
          {selected === null ? 'Pick a sector to see its configuration.' : 'Loading configuration…'}
        </Text>
      ) : (
        <SectorConfigView config={shown} dimensions={dimensions} onChange={setConfig} />
      )}
    </Stack>
  );
}

export function SectorConfigSection() {
  return (
    <Stack gap="lg">
      <SectionHeader icon={IconAdjustmentsHorizontal} title="Sector Configuration">
        One schema, many configurations: every sector is the same rows with different values. Pick a sector to
        see its four calibrations, how its seven dimensions are weighted, and whether the weights add up to
        1.0.
      </SectionHeader>
      <Prerequisite requires="weights">
        <SectorConfigBody />
      </Prerequisite>
    </Stack>
  );
}
