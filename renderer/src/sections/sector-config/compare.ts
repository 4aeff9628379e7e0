import type { Dimension, SectorConfigJson } from '../../../../shared/domain';
import { calibrationDefaults, decimalSum } from '../../../../shared/sector-config';

export interface CompareCell {
  focus_group_id: string;
  group_name: string;
  /** null when the sector does not define the value. */
  value: number | null;
  /** value − mean, or null. */
  difference: number | null;
  /** 'above' or 'below' when the value is at least one standard deviation from the mean. */
  mark: 'above' | 'below' | null;
}

export interface CompareRow {
  kind: 'weight' | 'calibration';
  key: string;
  label: string;
  mean: number;
  /** The population standard deviation across the sectors that define the value. */
  spread: number;
  cells: CompareCell[];
}

function row(
  kind: CompareRow['kind'],
  key: string,
  label: string,
  configs: SectorConfigJson[],
  read: (c: SectorConfigJson) => number | undefined,
): CompareRow {
  const values = configs.map(read);
  const present = values.filter((v): v is number => v !== undefined);
  const mean = present.length === 0 ? 0 : decimalSum(present) / present.length;
  const spread =
    present.length === 0
      ? 0
      : Math.sqrt(present.reduce((sum, v) => sum + (v - mean) ** 2, 0) / present.length);
  return {
    kind,
    key,
    label,
    mean,
    spread,
    cells: configs.map((config, i) => {
      const value = values[i] ?? null;
      const difference = value === null ? null : Number((value - mean).toFixed(9));
      // A tolerance, so that a value exactly one deviation away is marked despite float rounding.
      const far = difference !== null && spread > 1e-9 && Math.abs(difference) >= spread - 1e-9;
      return {
        focus_group_id: config.focus_group_id,
        group_name: config.group_name,
        value,
        difference,
        mark: !far ? null : difference > 0 ? 'above' : 'below',
      };
    }),
  };
}

/**
 * Every sector side by side: one row per dimension weight (in display order), then one per
 * calibration any sector defines (the four named ones first), each with the cross-sector mean of
 * the sectors that define it.
 */
export function compareRows(configs: SectorConfigJson[], dimensions: Dimension[]): CompareRow[] {
  const weights = [...dimensions]
    .sort((a, b) => a.display_order - b.display_order)
    .map((d) =>
      row(
        'weight',
        d.dimension_code,
        d.dimension_name,
        configs,
        (c) => c.dimension_weights[d.dimension_code],
      ),
    );
  const named = Object.keys(calibrationDefaults);
  const others = [...new Set(configs.flatMap((c) => Object.keys(c.calibrations)))]
    .filter((name) => !named.includes(name))
    .sort();
  const calibrations = [...named, ...others].map((name) =>
    row('calibration', name, name, configs, (c) =>
      Object.hasOwn(c.calibrations, name) ? c.calibrations[name] : undefined,
    ),
  );
  return [...weights, ...calibrations];
}
