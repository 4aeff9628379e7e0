import { Alert } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { SectorConfigJson } from '../../../../shared/domain';

export function WeightsSum({ config }: { config: SectorConfigJson }) {
  const sum = config.weights_sum.toFixed(3);
  return config.weights_valid ? (
    <Alert color="teal" variant="light" icon={<IconCircleCheck />} title={`Weights sum to ${sum}`}>
      The {config.group_name} dimension weights add up to 1.0, so composite scores stay on the same scale as
      every other sector.
    </Alert>
  ) : (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={`Weights sum to ${sum}, not 1.0`}>
      Composite scores for {config.group_name} would be off scale. Adjust the weights until they add up to
      1.0.
    </Alert>
  );
}
