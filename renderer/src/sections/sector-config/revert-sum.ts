import type { ConfigHistory } from '../../../../shared/domain';
import { decimalSum } from '../../../../shared/sector-config';

/** The current weights of a history, by dimension code. */
export function currentWeights(history: ConfigHistory): Record<string, number> {
  return Object.fromEntries(
    history.versions.filter((v) => v.kind === 'weight' && v.is_current).map((v) => [v.key, v.value]),
  );
}

/** The weights' sum once `changes` replace the current values; null when it is 1.000. */
export function brokenSum(current: Record<string, number>, changes: Record<string, number>): number | null {
  const sum = decimalSum(Object.values({ ...current, ...changes }));
  return Math.abs(sum - 1) < 1e-9 ? null : sum;
}
