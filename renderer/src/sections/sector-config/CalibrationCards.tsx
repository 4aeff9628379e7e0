import type { WriteRun } from '../../api/use-write';
import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import type { SectorConfigJson } from '../../../../shared/domain';
import { formatCalibration } from '../../../../shared/sector-config';
import { EditCalibration } from './EditCalibration';
import { CalibrationName, calibrationText, Superscripted } from './labels';

const cards = [
  { parameter: 'h_r_baseline', hint: 'Sector readiness baseline (0–100)' },
  { parameter: 'ebitda_multiplier', hint: 'AI leverage on EBITDA' },
  { parameter: 'position_factor_delta', hint: 'H^R position adjustment' },
  { parameter: 'talent_concentration_threshold', hint: 'Share of AI talent that flags concentration' },
] as const;

interface Props {
  config: SectorConfigJson;
  onEdit: (parameter: string, value: number, rationale: string, run: WriteRun) => Promise<boolean>;
}

/** The four calibrations the lab names; a sector without one shows the lab's default. */
export function CalibrationCards({ config, onEdit }: Props) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      {cards.map((card) => {
        const defined = Object.hasOwn(config.calibrations, card.parameter);
        return (
          <Paper key={card.parameter} withBorder p="md" radius="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                <CalibrationName name={card.parameter} />
              </Text>
              {defined && (
                <EditCalibration
                  name={card.parameter}
                  value={config[card.parameter]}
                  onSave={(value, rationale, run) => onEdit(card.parameter, value, rationale, run)}
                />
              )}
            </Group>
            <Text
              fz={28}
              fw={700}
              mt={4}
              lh={1.2}
              ff="monospace"
              aria-label={calibrationText(card.parameter)}
            >
              {formatCalibration(config[card.parameter])}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              <Superscripted text={card.hint} />
              {!defined && ' · the lab’s default'}
            </Text>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
