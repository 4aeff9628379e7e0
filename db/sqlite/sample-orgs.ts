import type { InsertOrgsResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { openDatabase, type Db } from './connection';
import { requireSchema } from './migrate';
import {
  SLICE_MS,
  assessmentTargets,
  generateOrganizations,
  targets,
  type AttributeValue,
  type SampleOrganization,
} from '../core/sample-orgs';
import { uuidv7Block } from '../core/uuid-v7';

type SqlValue = string | number | null;
type SqlRow = Record<string, SqlValue>;

/**
 * From this many rows (and at least as many as the table holds), a file database takes the bulk
 * path: rows are staged in TEMP tables, then moved and indexed in one transaction. Below it, or
 * when the table is much larger than the insert (rebuilding its indexes would cost more than
 * maintaining them), rows go in batched transactions that keep every index up to date.
 */
export const BULK_MIN_ROWS = 50_000;

/**
 * Page cache of the bulk writer, in KiB; sorting (per sector, and for CREATE INDEX) spills to
 * temporary files past it. Measured at 400,000 organizations: 32 MiB peaks at 201 MB resident
 * against 244 MB with 64 MiB, and was not slower.
 */
export const BULK_CACHE_KIB = 32 * 1024;

/** Rows per statement when moving staged rows: about 250 ms each at a million organizations. */
const MOVE_CHUNK = 50_000;

// Shares of the bulk path's time (measured at 1,000,000), so that progress moves evenly: staging up
// to STAGE_SHARE, sorting up to SORT_SHARE, moving the next MOVE_SHARE, then building the indexes.
const STAGE_SHARE = 0.35;
const SORT_SHARE = 0.45;
const MOVE_SHARE = 0.25;

export interface InsertSampleOptions {
  count: number;
  seed?: number;
  /** Most rows in one transaction of the batched path (tests use small batches); time decides otherwise. */
  batchSize?: number;
  /** The smallest insert that takes the bulk path (BULK_MIN_ROWS); tests lower it. */
  bulkMinRows?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /**
   * Runs the bulk path's long write transaction (the move and the index rebuild), and each slice of
   * the batched path, so that the caller's other writes on this thread (an edit, the scores' refresh
   * that the insert's own commits start) queue with them instead of interleaving on the connection:
   * a write waiting for another process's lock lowers the connection's busy timeout meanwhile.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Attribute values as SQLite stores them: booleans as 0 or 1, arrays as JSON text. */
export function sqliteValues(values: Record<string, AttributeValue>): SqlRow {
  const row: SqlRow = {};
  for (const key in values) {
    const value = values[key] as AttributeValue;
    row[key] =
      typeof value === 'boolean' ? (value ? 1 : 0) : Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return row;
}

const insertSql = (schema: string, table: string, columns: string[]) =>
  `INSERT INTO ${schema}.${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;

/** Prepared once per connection: the organization insert and one insert per attribute table. */
function rowInserter(db: Db) {
  const { organizations, attributes } = targets();
  const insertOrg = db.prepare(insertSql('main', organizations.table, organizations.columns));
  const insertAttributes = new Map(
    [...attributes].map(
      ([sector, t]) => [sector, db.prepare(insertSql('main', t.table, t.columns))] as const,
    ),
  );
  const { assessments, scores } = assessmentTargets;
  const insertAssessment = db.prepare(insertSql('main', assessments.table, [...assessments.columns]));
  const insertScore = db.prepare(insertSql('main', scores.table, [...scores.columns]));
  return (row: SampleOrganization) => {
    insertOrg.run(row.organization);
    const { organization_id } = row.organization;
    const insertAttribute = insertAttributes.get(row.sector);
    if (!insertAttribute) throw new AppError('INTERNAL', `No attribute table for ${row.sector}`);
    insertAttribute.run({ organization_id, ...sqliteValues(row.attributes) });
    if (!row.assessment) return;
    const { talent_concentration, assessed_on } = row.assessment;
    insertAssessment.run({ organization_id, talent_concentration, assessed_on });
    for (const [dimension_id, score] of Object.entries(row.assessment.scores)) {
      insertScore.run({ organization_id, dimension_id, score });
    }
  };
}

/**
 * Runs `insert` on rows from `rows` until the slice's time is up or `max` rows are in; returns how
 * many went in. The clock is read every 64 rows.
 */
function fillSlice(
  rows: Iterator<SampleOrganization>,
  max: number,
  insert: (row: SampleOrganization) => void,
  perSector: Record<string, number>,
): number {
  const deadline = performance.now() + SLICE_MS;
  let n = 0;
  while (n < max) {
    const next = rows.next();
    if (next.done) break;
    insert(next.value);
    perSector[next.value.sector] = (perSector[next.value.sector] ?? 0) + 1;
    n++;
    if ((n & 63) === 0 && performance.now() > deadline) break;
  }
  return n;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Run {
  rows: Iterator<SampleOrganization>;
  count: number;
  perSector: Record<string, number>;
  options: InsertSampleOptions;
}

/**
 * One IMMEDIATE transaction per slice, every index kept up to date: a cancel or a crash keeps whole
 * slices only.
 */
async function insertBatched(db: Db, run: Run): Promise<{ inserted: number; cancelled: boolean }> {
  const insert = rowInserter(db);
  const slice = db.transaction((max: number) => fillSlice(run.rows, max, insert, run.perSector));
  const max = run.options.batchSize ?? Number.MAX_SAFE_INTEGER;
  let inserted = 0;
  while (inserted < run.count) {
    if (run.options.signal?.aborted) return { inserted, cancelled: true };
    const want = Math.min(max, run.count - inserted);
    const n = run.options.exclusive
      ? await run.options.exclusive(async () => slice.immediate(want))
      : slice.immediate(want);
    if (n === 0) break;
    inserted += n;
    run.options.onProgress?.(inserted, run.count);
    await yieldToEventLoop();
  }
  return { inserted, cancelled: false };
}

/**
 * The bulk path, on a connection of its own to the same file:
 * 1. Rows are generated into TEMP tables, one per sector, each organization with its attribute
 *    values as one row, a slice at a time. TEMP tables live in the connection's own temporary
 *    file, so this takes no lock on the database: other connections read and write as usual.
 *    (These transactions are plain BEGIN, not IMMEDIATE: an IMMEDIATE one would take the
 *    database's write lock.)
 * 2. Still without a lock, each sector's rows are sorted by name into another TEMP table, and a
 *    block of time-ordered ids is reserved in sector and name order. Organizations and attribute
 *    rows then land in that order: the grid's default page (a sector, by name) reads consecutive
 *    rows from a few B-tree pages instead of one page per row.
 * 3. One IMMEDIATE transaction drops the secondary indexes of organizations, moves the sorted rows
 *    in (every CHECK, trigger and foreign key applies as on any insert), builds the indexes again
 *    from sorted keys, and commits. It yields between steps, so the process keeps serving; other
 *    connections read the last committed state, with all its indexes, throughout (WAL). Other
 *    writers wait for this phase (see the README's Performance section for how long).
 * A cancel at any point keeps nothing of the insert.
 */
async function insertBulk(file: string, run: Run): Promise<{ inserted: number; cancelled: boolean }> {
  const { signal, onProgress } = run.options;
  const writer = openDatabase(file, { mustExist: true });
  const report = (share: number) =>
    onProgress?.(Math.min(run.count, Math.floor(run.count * share)), run.count);
  const cancelled = { inserted: 0, cancelled: true };
  try {
    writer.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    const { organizations, attributes } = targets();
    const orgData = organizations.columns.filter((c) => c !== 'organization_id');
    // An assessment travels with its organization: TC, the day, and the scores as one JSON object
    // whose keys (dimension ids) are sorted, so that score rows go in in primary-key order.
    const assessed = ['talent_concentration', 'assessed_on', 'assessment_scores'];
    // In focus_group_id order, the first column of the (sector, name) index the rows are sorted for.
    const sectors = [...attributes]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([sector, t], i) => ({
        sector,
        table: t.table,
        data: t.columns.slice(1),
        staging: `sample_staging_${i}`,
        sorted: `sample_sorted_${i}`,
      }));
    const stageBySector = new Map(
      sectors.map((t) => {
        // Untyped columns keep each value exactly as bound; the move applies the real tables' types.
        const staged = [...orgData, ...t.data, ...assessed];
        writer.exec(`CREATE TEMP TABLE ${t.staging} (${staged.join(', ')})`);
        return [t.sector, writer.prepare(insertSql('temp', t.staging, staged))] as const;
      }),
    );
    const stage = (row: SampleOrganization) => {
      const statement = stageBySector.get(row.sector);
      if (!statement) throw new AppError('INTERNAL', `No attribute table for ${row.sector}`);
      statement.run({ ...row.organization, ...sqliteValues(row.attributes), ...stagedAssessment(row) });
    };
    const slice = writer.transaction((max: number) => fillSlice(run.rows, max, stage, run.perSector));
    let count = 0;
    while (count < run.count) {
      if (signal?.aborted) return cancelled;
      const n = slice(run.count - count);
      if (n === 0) break;
      count += n;
      report((STAGE_SHARE * count) / run.count);
      await yieldToEventLoop();
    }

    // Sorted rows get rowids 1..n in name order; row r of a sector whose rows start after `offset`
    // others gets the block's id offset + r - 1.
    let sortedRows = 0;
    const moves: { sector: (typeof sectors)[number]; offset: number; from: number; to: number }[] = [];
    for (const t of sectors) {
      if (signal?.aborted) return cancelled;
      writer.exec(`CREATE TEMP TABLE ${t.sorted} AS SELECT * FROM temp.${t.staging} ORDER BY legal_name`);
      writer.exec(`DROP TABLE temp.${t.staging}`);
      const rows = writer.prepare(`SELECT count(*) FROM temp.${t.sorted}`).pluck().get() as number;
      for (let from = 1; from <= rows; from += MOVE_CHUNK) {
        moves.push({ sector: t, offset: sortedRows, from, to: Math.min(rows, from + MOVE_CHUNK - 1) });
      }
      sortedRows += rows;
      report(STAGE_SHARE + ((SORT_SHARE - STAGE_SHARE) * sortedRows) / count);
      await yieldToEventLoop();
    }
    const idOf = uuidv7Block(count);
    writer.function('sample_id', { deterministic: true }, (rank) => idOf(Number(rank)));
    // Per chunk, the organizations and then their attribute rows, while the chunk's staged pages
    // are still in the cache.
    const moveStatements = new Map(
      sectors.map((t) => {
        const range = 'WHERE rowid BETWEEN @from AND @to';
        const org = writer.prepare(
          `INSERT INTO main.organizations (organization_id, ${orgData.join(', ')})
           SELECT sample_id(@offset + rowid - 1), ${orgData.join(', ')} FROM temp.${t.sorted} ${range}`,
        );
        const attribute = writer.prepare(
          `INSERT INTO main.${t.table} (organization_id, ${t.data.join(', ')})
           SELECT sample_id(@offset + rowid - 1), ${t.data.join(', ')} FROM temp.${t.sorted} ${range}`,
        );
        const assessment = writer.prepare(
          `INSERT INTO main.organization_assessments (organization_id, talent_concentration, assessed_on)
           SELECT sample_id(@offset + rowid - 1), talent_concentration, assessed_on FROM temp.${t.sorted}
           ${range} AND talent_concentration IS NOT NULL`,
        );
        const scores = writer.prepare(
          `INSERT INTO main.organization_dimension_scores (organization_id, dimension_id, score)
           SELECT sample_id(@offset + s.rowid - 1), j.key, j.value
           FROM temp.${t.sorted} AS s, json_each(s.assessment_scores) AS j
           WHERE s.rowid BETWEEN @from AND @to AND s.assessment_scores IS NOT NULL`,
        );
        return [t.sector, { org, attribute, assessment, scores }] as const;
      }),
    );
    const indexes = writer
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'organizations' AND sql IS NOT NULL",
      )
      .all();
    const moveShare = (i: number) => SORT_SHARE + (MOVE_SHARE * i) / (moves.length + 1);
    const steps: { run: () => void; share: number }[] = [
      // Dropping the indexes counts as the first move.
      {
        run: () => indexes.forEach((index) => writer.exec(`DROP INDEX main.${index.name}`)),
        share: moveShare(1),
      },
      ...moves.map(({ sector, offset, from, to }, i) => ({
        run: () => {
          const statements = moveStatements.get(sector.sector);
          statements?.org.run({ offset, from, to });
          statements?.attribute.run({ offset, from, to });
          statements?.assessment.run({ offset, from, to });
          statements?.scores.run({ offset, from, to });
        },
        share: moveShare(i + 2),
      })),
      ...indexes.map((index, i) => ({
        run: () => writer.exec(index.sql),
        share: SORT_SHARE + MOVE_SHARE + ((1 - SORT_SHARE - MOVE_SHARE) * (i + 1)) / indexes.length,
      })),
    ];
    const moved = await (run.options.exclusive ?? ((work) => work()))(async () => {
      writer.exec('BEGIN IMMEDIATE');
      try {
        for (const step of steps) {
          if (signal?.aborted) {
            writer.exec('ROLLBACK');
            return false;
          }
          step.run();
          report(step.share);
          await yieldToEventLoop();
        }
        writer.exec('COMMIT');
        return true;
      } catch (error) {
        if (writer.inTransaction) writer.exec('ROLLBACK');
        throw error;
      }
    });
    if (!moved) return cancelled;
    onProgress?.(count, run.count);
    return { inserted: count, cancelled: false };
  } finally {
    writer.close();
  }
}

/** A staged row's assessment columns (NULL without one). */
function stagedAssessment(row: SampleOrganization): SqlRow {
  const a = row.assessment;
  if (!a) return { talent_concentration: null, assessed_on: null, assessment_scores: null };
  const scores = Object.fromEntries(Object.entries(a.scores).sort(([x], [y]) => (x < y ? -1 : 1)));
  return {
    talent_concentration: a.talent_concentration,
    assessed_on: a.assessed_on,
    assessment_scores: JSON.stringify(scores),
  };
}

/** The dimensions an assessment scores, when the scoring tables exist (migration 11). */
function sampleDimensions(db: Db): string[] {
  const scoring = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'organization_dimension_scores'")
    .get();
  if (!scoring) return [];
  return db
    .prepare<[], string>('SELECT dimension_id FROM dimensions WHERE is_active = 1 ORDER BY display_order')
    .pluck()
    .all();
}

/** The active sectors samples are generated for, in display order. */
function sampleSectors(db: Db): string[] {
  return db
    .prepare<[], string>('SELECT focus_group_id FROM focus_groups WHERE is_active = 1 ORDER BY display_order')
    .pluck()
    .all();
}

/**
 * Inserts `count` generated organizations with their sector attribute rows. Large inserts into a
 * file take the bulk path (`insertBulk`), the rest go in batched transactions (`insertBatched`).
 * Either way progress is reported and the event loop gets a turn at least every SLICE_MS or so,
 * and a cancel keeps a consistent state: whole batches, or nothing of a bulk insert.
 */
export async function insertSamples(db: Db, options: InsertSampleOptions): Promise<InsertOrgsResult> {
  requireSchema(db);
  const sectors = sampleSectors(db);
  if (sectors.length === 0) throw new AppError('NOT_SEEDED', 'Seed the focus groups and dimensions first');
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const started = performance.now();
  const run: Run = {
    rows: generateOrganizations(options.count, seed, sectors, sampleDimensions(db)),
    count: options.count,
    perSector: {},
    options,
  };
  const existing = db.prepare<[], number>('SELECT count(*) FROM organizations').pluck().get() ?? 0;
  const bulk = !db.memory && options.count >= Math.max(options.bulkMinRows ?? BULK_MIN_ROWS, existing);
  const { inserted, cancelled } = bulk ? await insertBulk(db.name, run) : await insertBatched(db, run);
  return {
    inserted,
    seed,
    cancelled,
    per_sector: inserted === 0 ? {} : run.perSector,
    duration_ms: Math.round(performance.now() - started),
  };
}
