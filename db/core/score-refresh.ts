import { AppError } from '../../shared/errors';
import type { ScoreRefresh } from '../../shared/scoring';
import type { ScoredSector } from './scoring-repository';
import type { PartRead } from './sector-parts';
import type { SqlEngine, SqlSession } from './sql';

/** Where the engines refresh scores differently. */
export interface ScoreRefreshSql {
  /**
   * Where a sector's versions alone do not prove that its inputs are as they were read (SQLite: a
   * sector already stale from its inputs is not marked again), a mark that every commit moves, this
   * connection's and others' (null where every change of the inputs moves the version: PostgreSQL).
   * The inputs are read outside the write lock, and the scores written only if the mark has not moved
   * since: the lock is held for the write alone, not for the read of a sector's inputs.
   */
  commitMark: (() => string) | null;
  /**
   * Run once a sector's scores are written, before it is marked fresh (null: nothing to run): the
   * note every instance's grid caches follow, taken in the order other writers take it (after the
   * rows they change, before the freshness rows), so that a refresh and a delete cannot deadlock.
   */
  written: string | null;
  /**
   * Writes a sector's scores after its rows were deleted (where the table is keyed by organization
   * alone, rows of organizations that moved here from another sector are taken over).
   */
  insert(db: SqlSession, sectorId: string, scored: ScoredSector): Promise<void>;
  /**
   * Where the engine's reads and writes take turns on one connection (SQLite's writer thread): runs
   * work in its turn among the others. A sector's inputs are then read in parts, a turn each, checked
   * against the commit mark, and scored and written in one more turn: a weight saved meanwhile waits
   * for a part or a write, not for a sector's read or every stale sector's. None: at once (PostgreSQL,
   * whose reads run on a pool beside the writes).
   */
  turn?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** A sector's versions (numbers, or the strings PostgreSQL gives a BIGINT). */
export interface Freshness {
  version: number | string;
  inputs_version: number | string;
}

/** Beyond this many passes, sectors that keep changing are left for the next refresh. */
const PASSES = 3;

/**
 * Recomputes the scores of stale sectors (score_freshness, kept stale by triggers: SQLite
 * migration 12, PostgreSQL migration 10) with the one formula, and marks them fresh. Each sector is
 * written in its own transaction: replaced whole, then marked fresh with its version bumped (the
 * screens read again when the versions move).
 */
export function scoreRefresher(
  engine: SqlEngine,
  scoring: {
    /** A sector's scores from its inputs, which may be kept while its inputs_version is the same. */
    score: (sectorId: string, inputsVersion: number) => Promise<ScoredSector>;
    /** Reads a sector's inputs in parts and keeps them for `score`; false when abandoned. */
    readInParts: (sectorId: string, inputsVersion: number, read: PartRead) => Promise<boolean>;
    /** Drops the sector's kept inputs. */
    forget: (sectorId: string) => void;
    /**
     * Runs a sector's write (no organization edited) so that the inputs kept for other sectors stay
     * trusted across it.
     */
    alongside: <T>(write: () => Promise<T>) => Promise<T>;
  },
  sql: ScoreRefreshSql,
) {
  /** The sector's scores, or none when it has no configuration to score with. */
  async function scoredOrNothing(sectorId: string, inputsVersion: number): Promise<ScoredSector | null> {
    try {
      return await scoring.score(sectorId, inputsVersion);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async function write(db: SqlSession, sectorId: string, version: number, scored: ScoredSector | null) {
    await db.run('DELETE FROM organization_scores WHERE focus_group_id = $1', [sectorId]);
    if (scored && scored.ids.length > 0) await sql.insert(db, sectorId, scored);
    if (sql.written !== null) await db.run(sql.written);
    const fresh = await db.rows<{ focus_group_id: string }>(
      `UPDATE score_freshness SET stale = FALSE, version = version + 1
       WHERE focus_group_id = $1 AND version = $2 RETURNING focus_group_id`,
      [sectorId, version],
    );
    return fresh.length > 0;
  }

  const inTurn = sql.turn ?? (<T>(work: () => Promise<T>) => work());

  async function refreshSector(sectorId: string): Promise<boolean> {
    try {
      return await refreshNow(sectorId);
    } catch (error) {
      // Inputs read in a transaction that did not commit would be kept under a version that a later
      // change may leave as it is (a sector already stale from its inputs is not marked again).
      scoring.forget(sectorId);
      throw error;
    }
  }

  async function refreshNow(sectorId: string): Promise<boolean> {
    const seen = await inTurn(() =>
      engine.read(async (db) => ({
        mark: sql.commitMark?.(),
        now: await db.row<Freshness>(
          'SELECT version, inputs_version FROM score_freshness WHERE focus_group_id = $1 AND stale',
          [sectorId],
        ),
      })),
    );
    if (seen.now === undefined) return false;
    const version = Number(seen.now.version);
    const inputsVersion = Number(seen.now.inputs_version);
    const unchanged = () => sql.commitMark === null || sql.commitMark() === seen.mark;
    if (sql.turn !== undefined) {
      const read: PartRead = (work) =>
        inTurn(async () => {
          const value = await engine.read(work);
          return unchanged() ? value : null;
        });
      if (!(await scoring.readInParts(sectorId, inputsVersion, read))) {
        scoring.forget(sectorId);
        return false;
      }
    }
    return inTurn(async () => {
      const scored = unchanged() ? await scoredOrNothing(sectorId, inputsVersion) : null;
      return engine.write((db) =>
        scoring.alongside(async () => {
          // Checked again under the write lock: nothing can be committed between this and the write.
          if (!unchanged()) {
            // Something was committed since the read: the inputs read may not be the sector's now.
            scoring.forget(sectorId);
            return false;
          }
          return write(db, sectorId, version, scored);
        }),
      );
    });
  }

  return {
    async refreshScores(): Promise<ScoreRefresh> {
      const started = performance.now();
      const sectors: string[] = [];
      for (let pass = 0; pass < PASSES; pass++) {
        // In a turn too: on a connection the writes share, a transaction between turns would be
        // open when the next write begins its own.
        const stale = await inTurn(() =>
          engine.read((db) =>
            db.rows<{ focus_group_id: string }>(
              'SELECT focus_group_id FROM score_freshness WHERE stale ORDER BY focus_group_id',
            ),
          ),
        );
        if (stale.length === 0) break;
        for (const row of stale) {
          if (await refreshSector(row.focus_group_id)) sectors.push(row.focus_group_id);
        }
      }
      return { sectors, ms: performance.now() - started };
    },
  };
}
