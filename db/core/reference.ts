import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { appFile } from './app-root';

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal written as text');

const referenceSchema = z.object({
  platform: z.string(),
  focus_groups: z.array(
    z.object({
      focus_group_id: z.string(),
      group_name: z.string(),
      group_code: z.string(),
      display_order: z.number().int(),
    }),
  ),
  dimensions: z.array(
    z.object({
      dimension_id: z.string(),
      dimension_name: z.string(),
      dimension_code: z.string(),
      display_order: z.number().int(),
    }),
  ),
  dimension_weights: z.record(z.string(), z.array(z.tuple([z.string(), decimalText, z.string()]))),
  calibrations: z.record(
    z.string(),
    z.array(z.tuple([z.string(), decimalText, z.enum(['numeric', 'threshold', 'multiplier']), z.string()])),
  ),
  calibration_defaults: z.record(z.string(), decimalText),
  attribute_tables: z.record(
    z.string(),
    z.object({ focus_group_id: z.string(), columns: z.array(z.tuple([z.string(), z.string()])) }),
  ),
  organization_columns: z.array(z.tuple([z.string(), z.string()])),
  cache: z.object({ sector_key: z.string(), all_sectors_key: z.string(), ttl_seconds: z.number().int() }),
});

export type Reference = z.infer<typeof referenceSchema>;

let cached: Reference | undefined;

/** The reference configuration shipped with the app: the single source of seeded rows. */
export function loadReference(): Reference {
  cached ??= referenceSchema.parse(JSON.parse(readFileSync(appFile('reference'), 'utf8')));
  return cached;
}
