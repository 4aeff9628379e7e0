import type { SectorScores } from '../../shared/org-air';
import type { Freshness } from './score-refresh';
import { followEdits, loadSectorColumns, type SectorColumns } from './sector-columns';
import { loadSectorColumnsInParts, type PartRead } from './sector-parts';
import type { SqlEngine, SqlSession } from './sql';

export interface ScoringOptions {
  /**
   * A value that changes whenever the database may have changed (on SQLite, PRAGMA data_version for
   * other connections' commits and total_changes() for this one's own writes): loaded assessments
   * are kept while it stays the same. Without it every call reads them again.
   */
  dataVersion?: () => string;
}

/** Sectors whose loaded assessments are kept: the one being edited and one to compare. */
const KEPT_SECTORS = 2;

/**
 * What kept inputs were current at: a sector's inputs_version (read in the transaction that marks
 * the sector fresh, after which any change of its inputs moves it), the database's data version
 * (which any commit moves), or both.
 */
interface KeptAt {
  inputs?: number;
  data?: string;
}

export interface Loaded {
  at: KeptAt;
  columns: SectorColumns;
  /** Organizations this connection edited since `columns` were read, to read again before use. */
  edited?: Set<string>;
  /** The saved configuration's scores, for what-ifs against it. */
  saved?: { key: string; scores: SectorScores; rank: Int32Array };
}

const freshnessSql = 'SELECT stale, version, inputs_version FROM score_freshness WHERE focus_group_id = $1';

/**
 * The assessments and percentiles of the sectors last scored, kept between calls while nothing they
 * were read from has changed: a what-if as the analyst types, or the refresh after their own edit,
 * scores without reading the sector again.
 */
export function keptInputs(engine: SqlEngine, options: ScoringOptions) {
  const kept = new Map<string, Loaded>();

  const current = (at: KeptAt, inputs: number | undefined, data: string | undefined) =>
    (at.inputs !== undefined || at.data !== undefined) &&
    (at.inputs === undefined || at.inputs === inputs) &&
    (at.data === undefined || at.data === data);

  function keep(sectorId: string, loaded: Loaded) {
    kept.delete(sectorId);
    kept.set(sectorId, loaded);
    for (const key of kept.keys()) if (kept.size > KEPT_SECTORS) kept.delete(key);
  }

  /**
   * A sector's inputs, kept while the database's data version stays the same or, where the caller
   * read the sector's inputs_version in the same transaction (the scores' refresh), while that does.
   */
  async function load(sectorId: string, inputsVersion?: number): Promise<Loaded> {
    const data = options.dataVersion?.();
    const hit = kept.get(sectorId);
    if (hit && (inputsVersion !== undefined || data !== undefined) && current(hit.at, inputsVersion, data)) {
      // The refresh marks the sector fresh in this transaction: from then on its inputs_version alone
      // moves with any change of its inputs.
      if (inputsVersion !== undefined) hit.at = { inputs: inputsVersion };
      const { edited } = hit;
      if (edited !== undefined) {
        hit.columns = await engine.read((db) => followEdits(db, hit.columns, sectorId, [...edited]));
        hit.edited = undefined;
        hit.saved = undefined;
      }
      return hit;
    }
    const at = inputsVersion === undefined ? { data } : { inputs: inputsVersion };
    const loaded: Loaded = { at, columns: await engine.read((db) => loadSectorColumns(db, sectorId)) };
    if (at.inputs !== undefined || at.data !== undefined) keep(sectorId, loaded);
    return loaded;
  }

  /**
   * Reads a sector's inputs in parts, each `read` in its own turn (the writer's refresh: its other
   * writes wait for a part, not for the sector), and keeps them under `inputsVersion`; nothing is
   * read when those kept are current. False when a part found the file changed since the first.
   */
  async function readInParts(sectorId: string, inputsVersion: number, read: PartRead): Promise<boolean> {
    const hit = kept.get(sectorId);
    const data = await read(async () => options.dataVersion?.());
    if (data === null) return false;
    if (hit && current(hit.at, inputsVersion, data)) return true;
    const columns = await loadSectorColumnsInParts(read, sectorId);
    if (columns === null) return false;
    keep(sectorId, { at: { inputs: inputsVersion }, columns });
    return true;
  }

  /**
   * A sector's inputs_version, and whether the next change of its inputs will move it: a sector fresh,
   * or stale from its configuration only, does; one already stale from its inputs does not (SQLite
   * migration 13), so there the next commit of anything, anyone's, is taken as a change.
   */
  async function freshnessOf(db: SqlSession, sectorId: string) {
    const freshness = await db.row<Freshness & { stale: number | boolean }>(freshnessSql, [sectorId]);
    if (freshness === undefined) return { inputs: undefined, marksChanges: false };
    const inputs = Number(freshness.inputs_version);
    return { inputs, marksChanges: !freshness.stale || inputs !== Number(freshness.version) };
  }

  /**
   * Runs an edit of some organizations on this connection, inside the edit's write transaction, and
   * notes the organizations it edited beside the kept inputs that were current before it (the others
   * are dropped): the refresh that follows an analyst's edit reads those organizations again and
   * merges them in, instead of reading the whole sector. The edit itself reads nothing more.
   */
  async function followed<T>(edit: () => Promise<T>, editedOf: (value: T) => readonly string[]): Promise<T> {
    const before = await engine.read(async (db) => {
      const data = options.dataVersion?.();
      const valid: [string, Loaded][] = [];
      for (const [sectorId, loaded] of kept) {
        if (current(loaded.at, (await freshnessOf(db, sectorId)).inputs, data))
          valid.push([sectorId, loaded]);
        else kept.delete(sectorId);
      }
      return valid;
    });
    const value = await edit();
    const edited = editedOf(value);
    await engine.read(async (db) => {
      const data = options.dataVersion?.();
      for (const [sectorId, loaded] of before) {
        // Read again during the edit (the refresh's own read), or no longer kept: nothing to follow.
        if (kept.get(sectorId) !== loaded) continue;
        if (edited.length > 0) loaded.edited = new Set([...(loaded.edited ?? []), ...edited]);
        const { inputs, marksChanges } = await freshnessOf(db, sectorId);
        loaded.at = { inputs, data: marksChanges ? undefined : data };
      }
    });
    return value;
  }

  /** Drops a sector's kept inputs (a refresh that read them failed: they may not match its version). */
  const forget = (sectorId: string) => void kept.delete(sectorId);

  /** Drops every kept input (an edit followed in them did not commit). */
  const forgetAll = () => kept.clear();

  return { load, readInParts, followed, forget, forgetAll };
}
