import { attributeTables } from './columns';
import {
  SampleRandom,
  cityName,
  companyName,
  industryCodes,
  sectorAttributes,
  stateName,
} from './sample-data';
import { uuidv7 } from './uuid-v7';
import { assessmentRandom, sampleAssessment, type SampleAssessment } from './sample-assessments';

/** One generated organization: its own columns and its sector's attributes, as typed values. */
export interface SampleOrganization {
  sector: string;
  organization: Record<string, string | number | null>;
  attributes: Record<string, AttributeValue>;
  /** Null when there are no dimensions to score. */
  assessment: SampleAssessment | null;
}

export type AttributeValue = string | number | boolean | string[] | null;

const countries = [
  'USA',
  'USA',
  'USA',
  'USA',
  'USA',
  'USA',
  'GBR',
  'DEU',
  'FRA',
  'CAN',
  'JPN',
  'NLD',
  'CHE',
  'IND',
];
const suffixes = ['Inc.', 'LLC', 'Corp.', 'Holdings', 'Group', 'Partners', 'Ltd.'];
// Some generated names already end in a legal form ("Kuhn LLC"); those keep it instead of gaining a second.
const companySuffix = /\b(Inc|LLC|Group|Sons)$/;

function status(r: SampleRandom): string {
  const x = r.float();
  return x < 0.85 ? 'active' : x < 0.95 ? 'inactive' : 'archived';
}

/**
 * Deterministic sample organizations: the same seed gives the same rows. Sectors are dealt round
 * robin so that any ten organizations cover all seven sectors; a sector without a generator (one a
 * user added) gets no samples. Each gets an assessment of `dimensionIds` drawn from a stream of its
 * own, so that the organizations of a seed are those the generator gave before assessments existed.
 */
export function* generateOrganizations(
  count: number,
  seed: number,
  sectors: string[],
  dimensionIds: readonly string[] = [],
): Generator<SampleOrganization> {
  const plans = sectors.flatMap((sector) => {
    const attributes = sectorAttributes[sector];
    const codes = industryCodes[sector];
    return attributes && codes ? [{ sector, attributes, codes }] : [];
  });
  const r = new SampleRandom(seed);
  const ra = assessmentRandom(seed);
  for (let i = 0; i < count; i++) {
    const plan = plans[i % plans.length];
    if (!plan) return;
    const { sector, codes } = plan;
    const company = companyName(r).slice(0, 200);
    const employees = Math.round(10 ** (1 + 4.5 * r.float()));
    const country = r.pick(countries);
    const listed = r.bool(0.3);
    const slug = company.toLowerCase().replace(/[^a-z0-9]+/g, '');
    const row: Omit<SampleOrganization, 'assessment'> = {
      sector,
      organization: {
        organization_id: uuidv7(),
        legal_name: companySuffix.test(company) ? company : `${company} ${r.pick(suffixes)}`,
        display_name: company,
        ticker_symbol: listed ? r.letters(r.int(2, 4)) : null,
        cik_number: listed ? r.digits(10) : null,
        duns_number: r.digits(9),
        focus_group_id: sector,
        primary_sic_code: r.pick(codes.sic),
        primary_naics_code: r.pick(codes.naics),
        employee_count: employees,
        annual_revenue_usd: Math.round(employees * r.int(90_000, 450_000)),
        founding_year: r.int(1870, 2023),
        headquarters_country: country,
        headquarters_state: country === 'USA' ? stateName(r) : null,
        headquarters_city: cityName(r).slice(0, 100),
        website_url: `https://www.${slug.slice(0, 60) || 'example'}.com`,
        status: status(r),
        created_by: 'sample-generator',
      },
      attributes: plan.attributes(r),
    };
    const assessment = dimensionIds.length > 0 ? sampleAssessment(ra, dimensionIds, row.attributes) : null;
    yield { ...row, assessment };
  }
}

/**
 * How long one slice of inserting runs before it commits (batched path) or pauses (staging), reports
 * progress and yields to the event loop. Another writer waits at most this long, and progress moves
 * at least this often, whatever the count.
 */
export const SLICE_MS = 200;

const orgColumns = [
  'organization_id',
  'legal_name',
  'display_name',
  'ticker_symbol',
  'cik_number',
  'duns_number',
  'focus_group_id',
  'primary_sic_code',
  'primary_naics_code',
  'employee_count',
  'annual_revenue_usd',
  'founding_year',
  'headquarters_country',
  'headquarters_state',
  'headquarters_city',
  'website_url',
  'status',
  'created_by',
];

/** Where an assessment goes: its own row, then one row per dimension score. */
export const assessmentTargets = {
  assessments: {
    table: 'organization_assessments',
    columns: ['organization_id', 'talent_concentration', 'assessed_on'],
  },
  scores: { table: 'organization_dimension_scores', columns: ['organization_id', 'dimension_id', 'score'] },
} as const;

export interface Target {
  table: string;
  columns: string[];
}

/** The organizations table and each attribute table; names come from the reference configuration. */
export function targets(): { organizations: Target; attributes: Map<string, Target> } {
  return {
    organizations: { table: 'organizations', columns: orgColumns },
    attributes: new Map(
      attributeTables().map((t) => [
        t.sectorId,
        { table: t.table, columns: ['organization_id', ...t.columns.map((c) => c.name)] },
      ]),
    ),
  };
}
