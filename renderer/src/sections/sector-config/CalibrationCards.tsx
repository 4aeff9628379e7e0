import { SimpleGrid } from '@mantine/core';
import type { SectorConfigJson } from '../../../../shared/domain';
import { StatCard } from '../../components/StatCard';
import { formatDecimal } from '../../format';
import { EditValue } from './EditValue';

const cards = [
  { parameter: 'h_r_baseline', label: 'H^R baseline', hint: 'Sector readiness baseline (0–100)', step: 1 },
  { parameter: 'ebitda_multiplier', label: 'EBITDA multiplier', hint: 'AI leverage on EBITDA', step: 0.05 },
  {
    parameter: 'position_factor_delta',
    label: 'Position factor delta',
    hint: 'H^R position adjustment',
    step: 0.01,
  },
  {
    parameter: 'talent_concentration_threshold',
    label: 'Talent concentration threshold',
    hint: 'Share of AI talent that flags concentration',
    step: 0.01,
  },
] as const;

interface Props {
  config: SectorConfigJson;
  onEdit: (parameter: string, value: number) => Promise<boolean>;
}

export function CalibrationCards({ config, onEdit }: Props) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      {cards.map((card) => (
        <StatCard
          key={card.parameter}
          label={card.label}
          value={formatDecimal(config[card.parameter])}
          hint={card.hint}
          action={
            <EditValue
              label={card.label}
              value={config[card.parameter]}
              step={card.step}
              onSave={(value) => onEdit(card.parameter, value)}
            />
          }
        />
      ))}
    </SimpleGrid>
  );
}
