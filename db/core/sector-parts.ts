import {
  assessed,
  columnBuilder,
  dimensionsOf,
  organizationsIn,
  type AssessedRow,
  type SectorColumns,
} from './sector-columns';
import type { SqlSession } from './sql';

/** Organizations read in one part: on a million-organization file, about 0.1 s of reading. */
export const PART_ROWS = 10_000;

/**
 * One read of a part, in its turn among the connection's writes; null when something was committed
 * since the first part was read (the parts would not be one snapshot).
 */
export type PartRead = <T>(work: (db: SqlSession) => Promise<T>) => Promise<T | null>;

/**
 * The next `limit` assessed organizations of the sector after ($d+2, $d+3) in the order of the
 * (sector, name) index: each part is a seek, where parts in id order would each walk the sector.
 */
const part = (dimensions: number) =>
  `${assessed(
    dimensions,
    `o.focus_group_id = $1 AND (o.legal_name, o.organization_id) > ($${dimensions + 2}, $${dimensions + 3})`,
    'o.legal_name, o.organization_id',
  )} LIMIT $${dimensions + 4}`;

const byId = (a: AssessedRow, b: AssessedRow) => (a.organization_id < b.organization_id ? -1 : 1);

/**
 * The sector's columns as `loadSectorColumns` reads them, read in parts of `limit` organizations so
 * that a writer's other writes wait for one part rather than for the whole sector; null when a part
 * says the file changed between parts.
 */
export async function loadSectorColumnsInParts(
  read: PartRead,
  sectorId: string,
  limit = PART_ROWS,
): Promise<SectorColumns | null> {
  const first = await read(async (db) => ({
    dimensionIds: await dimensionsOf(db),
    total: await organizationsIn(db, sectorId),
  }));
  if (first === null) return null;
  const { dimensionIds, total } = first;
  const rows: AssessedRow[] = [];
  let after: [string, string] = ['', ''];
  for (;;) {
    const next = await read((db) =>
      db.rows<AssessedRow>(part(dimensionIds.length), [sectorId, ...dimensionIds, ...after, limit]),
    );
    if (next === null) return null;
    for (const row of next) rows.push(row);
    const last = next[next.length - 1];
    if (last === undefined || next.length < limit) break;
    after = [last.legal_name, last.organization_id];
  }
  rows.sort(byId);
  const built = columnBuilder(dimensionIds, rows.length);
  for (const row of rows) built.addRow(row);
  return built.columns(total);
}
