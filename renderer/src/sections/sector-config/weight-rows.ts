import type { Dimension, SectorConfigJson } from '../../../../shared/domain';

export interface WeightRow {
  /** The key as the configuration holds it, sent back when the weight is edited. */
  code: string;
  name: string;
  order: number;
  weight: number;
}

/** Joins the sector's weights with the dimensions, in display order. */
export function weightRows(config: SectorConfigJson, dimensions: Dimension[]): WeightRow[] {
  return Object.entries(config.dimension_weights)
    .map(([key, weight]) => {
      const dimension = dimensions.find((d) => d.dimension_code === key || d.dimension_id === key);
      return {
        code: dimension?.dimension_code ?? key,
        name: dimension?.dimension_name ?? key,
        order: dimension?.display_order ?? Number.MAX_SAFE_INTEGER,
        weight,
      };
    })
    .sort((a, b) => a.order - b.order);
}
