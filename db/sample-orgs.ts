import type { InsertOrgsResult } from '../shared/domain';
import { AppError } from '../shared/errors';
import { attributeTables } from './columns';
import type { Db } from './connection';
import { requireSchema } from './migrate';
import {
  SampleRandom,
  cityName,
  companyName,
  industryCodes,
  sectorAttributes,
  stateName,
} from './sample-data';

type SqlValue = string | number | null;
type SqlRow = Record<string, SqlValue>;

export interface SampleOrganization {
  sector: string;
  organization: SqlRow;
  attributes: SqlRow;
}

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

function toSql(values: Record<string, string | number | boolean | string[] | null>): SqlRow {
  const row: SqlRow = {};
  for (const key in values) {
    const value = values[key] as string | number | boolean | string[] | null;
    row[key] =
      typeof value === 'boolean' ? (value ? 1 : 0) : Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return row;
}

function status(r: SampleRandom): string {
  const x = r.float();
  return x < 0.85 ? 'active' : x < 0.95 ? 'inactive' : 'archived';
}

/**
 * Deterministic sample organizations: the same seed gives the same rows. Sectors are dealt round
 * robin so that any ten organizations cover all seven sectors; a sector without a generator (one a
 * user added) gets no samples.
 */
export function* generateOrganizations(
  count: number,
  seed: number,
  sectors: string[],
): Generator<SampleOrganization> {
  const plans = sectors.flatMap((sector) => {
    const attributes = sectorAttributes[sector];
    const codes = industryCodes[sector];
    return attributes && codes ? [{ sector, attributes, codes }] : [];
  });
  const r = new SampleRandom(seed);
  for (let i = 0; i < count; i++) {
    const plan = plans[i % plans.length];
    if (!plan) return;
    const { sector, codes } = plan;
    const company = companyName(r).slice(0, 200);
    const employees = Math.round(10 ** (1 + 4.5 * r.float()));
    const country = r.pick(countries);
    const listed = r.bool(0.3);
    const slug = company.toLowerCase().replace(/[^a-z0-9]+/g, '');
    yield {
      sector,
      organization: {
        organization_id: r.uuid(),
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
      attributes: toSql(plan.attributes(r)),
    };
  }
}

/**
 * Organizations per transaction. Each row lands at a random place in every organizations index, so
 * a commit writes (and the WAL checkpoint copies) nearly one page per index per row at 5,000 rows;
 * at 20,000 a page takes several rows before it is written. Measured at 300,000 organizations:
 * 2,500 orgs/s with 5,000 per batch, 5,100 with 25,000. A batch still commits in about a second, so
 * progress and cancel stay responsive.
 */
export const DEFAULT_SAMPLE_BATCH = 20_000;

/**
 * Page cache while seeding, in KiB. SQLite's default (2 MB) holds a sliver of the 13 indexes, so at
 * scale most index pages are re-read from the file on every insert (measured at 100,000
 * organizations: 2,800 orgs/s and 9 s of system time with the default, 4,600 and 3 s with 256 MiB).
 * 64 MiB keeps most of that gain (no measurable difference at 100,000) while the resident memory
 * after seeding stays under 300 MB; 128 and 256 MiB left it at ~375 MB.
 */
const BULK_CACHE_KIB = 64 * 1024;

/** Raises the connection's page cache for a bulk insert; the returned function puts it back. */
export function raiseCacheForBulkInsert(db: Db): () => void {
  const previous = Math.trunc(db.pragma('cache_size', { simple: true }) as number);
  const pageKib = (db.pragma('page_size', { simple: true }) as number) / 1024;
  if ((previous < 0 ? -previous : previous * pageKib) >= BULK_CACHE_KIB) return () => undefined;
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  return () => {
    db.pragma(`cache_size = ${previous}`);
    // Lowering cache_size alone leaves the freed pages with SQLite's allocator; this hands them back.
    db.pragma('shrink_memory');
  };
}

export interface InsertSampleOptions {
  count: number;
  seed?: number;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Prepared once per connection: the organization insert and one insert per attribute table. */
export function sampleInserter(db: Db) {
  requireSchema(db);
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
  const insertOrg = db.prepare(
    `INSERT INTO organizations (${orgColumns.join(', ')}) VALUES (${orgColumns.map((c) => `@${c}`).join(', ')})`,
  );
  // Table and column names come from the reference configuration, never from user input.
  const insertAttributes = new Map(
    attributeTables().map((t) => {
      const columns = ['organization_id', ...t.columns.map((c) => c.name)];
      const sql = `INSERT INTO ${t.table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
      return [t.focusGroupId, db.prepare(sql)] as const;
    }),
  );
  const sectors = db
    .prepare<[], string>('SELECT focus_group_id FROM focus_groups WHERE is_active = 1 ORDER BY display_order')
    .pluck();

  const insertBatch = db.transaction((batch: SampleOrganization[]) => {
    for (const row of batch) {
      insertOrg.run(row.organization);
      const insertAttribute = insertAttributes.get(row.sector);
      if (!insertAttribute) throw new AppError('INTERNAL', `No attribute table for ${row.sector}`);
      insertAttribute.run({ organization_id: row.organization.organization_id, ...row.attributes });
    }
  });

  return {
    sectors: () => sectors.all(),
    insertBatch,
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Inserts `count` generated organizations with their sector attribute rows, one transaction per
 * batch. Between batches it yields, so progress reaches the UI and a cancel can land; a cancel or a
 * crash keeps whole batches only.
 */
export async function insertSampleOrganizations(
  db: Db,
  options: InsertSampleOptions,
): Promise<InsertOrgsResult> {
  const inserter = sampleInserter(db);
  const sectors = inserter.sectors();
  if (sectors.length === 0) throw new AppError('NOT_SEEDED', 'Seed the focus groups and dimensions first');
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const batchSize = options.batchSize ?? DEFAULT_SAMPLE_BATCH;
  const started = performance.now();
  const perSector: Record<string, number> = {};
  let inserted = 0;
  let batch: SampleOrganization[] = [];
  const flush = async () => {
    try {
      inserter.insertBatch.immediate(batch);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new AppError(
          'CONSTRAINT',
          `Sample organizations for seed ${seed} are already in the database; use another seed`,
        );
      }
      throw error;
    }
    for (const row of batch) perSector[row.sector] = (perSector[row.sector] ?? 0) + 1;
    inserted += batch.length;
    batch = [];
    options.onProgress?.(inserted, options.count);
    await yieldToEventLoop();
  };
  const restoreCache = raiseCacheForBulkInsert(db);
  try {
    for (const row of generateOrganizations(options.count, seed, sectors)) {
      if (options.signal?.aborted) break;
      batch.push(row);
      if (batch.length === batchSize) await flush();
    }
    if (batch.length > 0 && !options.signal?.aborted) await flush();
  } finally {
    restoreCache();
  }
  return {
    inserted,
    seed,
    cancelled: options.signal?.aborted ?? false,
    per_sector: perSector,
    duration_ms: Math.round(performance.now() - started),
  };
}
