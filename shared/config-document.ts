import { z } from 'zod';
import { calibrationTypes } from './domain';
import { text } from './text';
import { CALIBRATION_DECIMALS, CALIBRATION_LIMIT, hasAtMostDecimals, WEIGHT_DECIMALS } from './sector-config';

/**
 * The file a configuration is shared as: one sector or all of them, versioned and checksummed, so
 * that another analyst's app can show what it would change before applying it.
 */
export const CONFIG_DOCUMENT_FORMAT = 'sector-studio-configuration';
export const CONFIG_DOCUMENT_VERSION = 1;

/** The name a calibration parameter may have: lower-case words joined by underscores. */
export const parameterNamePattern = /^[a-z][a-z0-9_]{0,99}$/;

/** Times both engines hold alike: PostgreSQL has no year 0 (1 BC); four digits end at 9999. */
const inYearRange = (text: string) => text.slice(0, 4) !== '0000';

export const weightValue = z
  .number()
  .min(0, 'A weight is at least 0')
  .max(1, 'A weight is at most 1')
  .refine((v) => hasAtMostDecimals(v, WEIGHT_DECIMALS), `A weight has at most ${WEIGHT_DECIMALS} decimals`);

export const calibrationValue = z
  .number()
  .gt(-CALIBRATION_LIMIT, 'A calibration is greater than -1,000,000')
  .lt(CALIBRATION_LIMIT, 'A calibration is less than 1,000,000')
  .refine(
    (v) => hasAtMostDecimals(v, CALIBRATION_DECIMALS),
    `A calibration has at most ${CALIBRATION_DECIMALS} decimals`,
  );

const rationale = text(500).nullable();

export const configDocumentSchema = z
  .object({
    format: z.literal(CONFIG_DOCUMENT_FORMAT),
    version: z.literal(CONFIG_DOCUMENT_VERSION),
    exported_at: z.iso.datetime().refine(inYearRange, 'must be a time in the years 0001 to 9999'),
    sectors: z
      .array(
        z
          .object({
            focus_group_id: text(50).min(1),
            group_name: text(100),
            weights: z
              .array(
                z
                  .object({
                    dimension_code: text(50).min(1),
                    weight: weightValue,
                    rationale,
                  })
                  .strict(),
              )
              .max(100),
            calibrations: z
              .array(
                z
                  .object({
                    parameter_name: z.string().regex(parameterNamePattern, 'must be a lower_case_name'),
                    value: calibrationValue,
                    parameter_type: z.enum(calibrationTypes),
                    description: text(500).nullable(),
                    rationale,
                  })
                  .strict(),
              )
              .max(200),
          })
          .strict(),
      )
      .min(1, 'must name at least one sector')
      .max(100),
    checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: followed by 64 hex digits'),
  })
  .strict();

export type ConfigDocument = z.infer<typeof configDocumentSchema>;

/** JSON with object keys sorted at every level: the bytes a checksum is computed over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A suggested file name: `sector-studio-pe_energy-2026-05-01.json` or `sector-studio-all-sectors-….json`. */
export function configFileName(sectorId: string | null, day: string): string {
  return `sector-studio-${sectorId ?? 'all-sectors'}-${day}.json`;
}
