import type { Dimension, SectorConfigJson } from '../../shared/domain';
import { parseAsOf, type AsOf } from '../../shared/as-of';
import { AppError } from '../../shared/errors';
import {
  ranks,
  scoreSector,
  type PlatformParameters,
  type SectorScores,
  type SectorScoring,
} from '../../shared/org-air';
import type {
  ScoreBreakdown,
  ScoringBasis,
  ScoringCalibration,
  SectorRanking,
  WhatIfOverrides,
  WhatIfResult,
} from '../../shared/scoring';
import type {
  BreakdownRequest,
  ConfigReads,
  RankingRequest,
  ScoringOperations,
  WhatIfRequest,
} from '../port';
import { requireDimension } from './config-rules';
import { parameterValues, platformParameterRepository, type EngineParameterSql } from './platform-parameters';
import { byRank, compareRankings, rankingSummary } from './ranking';
import { scoreRefresher, type Freshness, type ScoreRefreshSql } from './score-refresh';
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

interface Loaded {
  at: KeptAt;
  columns: SectorColumns;
  /** Organizations this connection edited since `columns` were read, to read again before use. */
  edited?: Set<string>;
  /** The saved configuration's scores, for what-ifs against it. */
  saved?: { key: string; scores: SectorScores; rank: Int32Array };
}

const freshnessSql = 'SELECT stale, version, inputs_version FROM score_freshness WHERE focus_group_id = $1';

/**
 * The Org-AI-R scores of a sector from its configuration in force (or on a day), on any engine: the
 * formula is shared/org-air.ts; this reads its inputs and answers rankings, breakdowns and what-ifs.
 */
export function scoringRepository(
  engine: SqlEngine,
  config: Pick<ConfigReads, 'loadSectorConfig' | 'listDimensions'>,
  parameters: ReturnType<typeof platformParameterRepository>,
  options: ScoringOptions = {},
) {
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

  /** A day as the configuration reads it: the end of that UTC day. */
  const configAsOf = (day: string | null): AsOf | null => {
    if (day === null) return null;
    const parsed = parseAsOf(day);
    if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.error);
    return { label: parsed.label, at: parsed.at, date: parsed.date };
  };

  async function basis(
    sectorId: string,
    asOf: string | null,
    overrides: WhatIfOverrides = {},
  ): Promise<{ basis: ScoringBasis; config: SectorConfigJson; dimensions: Dimension[] }> {
    const cfg = await config.loadSectorConfig(sectorId, configAsOf(asOf));
    const dimensions = await config.listDimensions();
    const inForce = parameterValues(await engine.read((db) => parameters.sessionParameters(db, asOf)));
    const weights = { ...cfg.dimension_weights };
    for (const [key, value] of Object.entries(overrides.weights ?? {})) {
      weights[requireDimension(dimensions, key).dimension_code] = value;
    }
    const calibrations: Record<ScoringCalibration, number> = {
      h_r_baseline: overrides.calibrations?.h_r_baseline ?? cfg.h_r_baseline,
      position_factor_delta: overrides.calibrations?.position_factor_delta ?? cfg.position_factor_delta,
      talent_concentration_threshold:
        overrides.calibrations?.talent_concentration_threshold ?? cfg.talent_concentration_threshold,
    };
    const scoringParameters: PlatformParameters = { ...inForce, ...overrides.parameters };
    return {
      basis: {
        focus_group_id: sectorId,
        group_name: cfg.group_name,
        as_of: asOf,
        weights,
        calibrations,
        parameters: scoringParameters,
      },
      config: cfg,
      dimensions,
    };
  }

  /** The formula's view of a basis, with weights in the columns' dimension order. */
  function sectorScoring(b: ScoringBasis, dimensions: Dimension[], columns: SectorColumns): SectorScoring {
    const codeOf = new Map(dimensions.map((d) => [d.dimension_id, d.dimension_code]));
    return {
      weights: columns.dimensionIds.map((id) => b.weights[codeOf.get(id) ?? ''] ?? 0),
      hrBaseline: b.calibrations.h_r_baseline,
      positionFactorDelta: b.calibrations.position_factor_delta,
      talentThreshold: b.calibrations.talent_concentration_threshold,
    };
  }

  function score(loaded: Loaded, sector: SectorScoring, params: PlatformParameters) {
    const scores = scoreSector(sector, params, loaded.columns.assessments, loaded.columns.percentiles);
    return { scores, rank: ranks(scores.orgAir) };
  }

  async function scored(
    sectorId: string,
    asOf: string | null,
    overrides: WhatIfOverrides = {},
    inputsVersion?: number,
  ) {
    // One after the other: on SQLite, interleaved reads would share (and outlive) one transaction.
    const b = await basis(sectorId, asOf, overrides);
    const loaded = await load(sectorId, inputsVersion);
    const sector = sectorScoring(b.basis, b.dimensions, loaded.columns);
    return { ...b, loaded, ...score(loaded, sector, b.basis.parameters) };
  }

  async function sectorRanking(request: RankingRequest): Promise<SectorRanking> {
    const {
      basis: b,
      loaded,
      scores,
      rank,
    } = await scored(request.focus_group_id, request.as_of ?? null, {
      weights: request.weights,
    });
    const { columns } = loaded;
    const order = Array.from(byRank(rank));
    const shown = request.status ? order.filter((i) => columns.statuses[i] === request.status) : order;
    return {
      ...b,
      assessed: columns.assessments.count,
      unassessed: columns.unassessed,
      sector_mean_vr: scores.sectorMeanVr,
      ...rankingSummary(columns, scores, rank, shown, request.limit),
    };
  }

  async function scoreBreakdown(request: BreakdownRequest): Promise<ScoreBreakdown> {
    const found = await engine.read((db) =>
      db.row<{ focus_group_id: string; annual_revenue_usd: number | null }>(
        'SELECT focus_group_id, annual_revenue_usd FROM organizations WHERE organization_id = $1',
        [request.organization_id],
      ),
    );
    if (!found) throw new AppError('NOT_FOUND', `Unknown organization: ${request.organization_id}`);
    const s = await scored(found.focus_group_id, request.as_of ?? null);
    const { columns } = s.loaded;
    const i = columns.ids.indexOf(request.organization_id);
    if (i < 0) {
      throw new AppError('NOT_FOUND', `${request.organization_id} has no complete assessment, so no score`);
    }
    const d = columns.dimensionIds.length;
    const sector = sectorScoring(s.basis, s.dimensions, columns);
    const weightSum = sector.weights.reduce((a, w) => a + w, 0);
    const byId = new Map(s.dimensions.map((dim) => [dim.dimension_id, dim]));
    const at = (column: Float64Array) => column[i] as number;
    const vrGap = Math.min(1, Math.max(-1, (at(s.scores.vr) - s.scores.sectorMeanVr) / 50));
    return {
      ...s.basis,
      organization_id: request.organization_id,
      legal_name: columns.names[i] as string,
      assessed_on: columns.assessedOn[i] as string,
      talent_concentration: at(columns.assessments.talent),
      annual_revenue_usd: found.annual_revenue_usd === null ? null : Number(found.annual_revenue_usd),
      dimensions: columns.dimensionIds.map((id, k) => {
        const score = columns.assessments.scores[i * d + k] as number;
        const weight = sector.weights[k] as number;
        const dim = byId.get(id);
        return {
          dimension_id: id,
          dimension_code: dim?.dimension_code ?? id,
          dimension_name: dim?.dimension_name ?? id,
          score,
          weight,
          contribution: weightSum > 0 ? (weight * score) / weightSum : 0,
        };
      }),
      rank: s.rank[i] as number,
      sector_count: columns.assessments.count,
      weighted_mean: at(s.scores.weightedMean),
      cv: at(s.scores.cv),
      penalty: at(s.scores.penalty),
      talent_adjustment: at(s.scores.talentAdjustment),
      vr: at(s.scores.vr),
      revenue_percentile: at(s.scores.revenuePercentile),
      sector_mean_vr: s.scores.sectorMeanVr,
      position_relative: 0.6 * vrGap,
      position_revenue: 0.4 * (2 * at(s.scores.revenuePercentile) - 1),
      position_factor: at(s.scores.positionFactor),
      hr: at(s.scores.hr),
      synergy: at(s.scores.synergy),
      org_air: at(s.scores.orgAir),
    };
  }

  async function whatIf(request: WhatIfRequest): Promise<WhatIfResult> {
    const { focus_group_id, ...overrides } = request;
    const saved = await basis(focus_group_id, null);
    const changed = await basis(focus_group_id, null, overrides);
    const loaded = await load(focus_group_id);
    const started = performance.now();
    const savedSector = sectorScoring(saved.basis, saved.dimensions, loaded.columns);
    const key = JSON.stringify([savedSector, saved.basis.parameters]);
    if (loaded.saved?.key !== key) {
      loaded.saved = { key, ...score(loaded, savedSector, saved.basis.parameters) };
    }
    const after = score(
      loaded,
      sectorScoring(changed.basis, changed.dimensions, loaded.columns),
      changed.basis.parameters,
    );
    const comparison = compareRankings(loaded.columns, loaded.saved, after);
    return { focus_group_id, ...comparison, compute_ms: performance.now() - started };
  }

  /** Every assessed organization's scores under the sector's configuration in force. */
  async function sectorScores(sectorId: string, inputsVersion?: number): Promise<ScoredSector> {
    const { loaded, scores } = await scored(sectorId, null, {}, inputsVersion);
    return { ids: loaded.columns.ids, scores };
  }

  /** Drops a sector's kept inputs (a refresh that read them failed: they may not match its version). */
  const forget = (sectorId: string) => void kept.delete(sectorId);

  /** Drops every kept input (an edit followed in them did not commit). */
  const forgetAll = () => kept.clear();

  return { sectorRanking, scoreBreakdown, whatIf, sectorScores, readInParts, forget, followed, forgetAll };
}

/** A sector's scores as the refresh writes them: the ids and the scores' columns in one order. */
export interface ScoredSector {
  ids: readonly string[];
  scores: SectorScores;
}

/** How a writer that keeps inputs follows its own edits of organizations in them. */
export type EditFollowing = Pick<ReturnType<typeof scoringRepository>, 'followed' | 'forgetAll'>;

/**
 * The scoring operations of the storage port on one engine, and how a writer that keeps inputs
 * follows its own edits in them.
 */
export function scoringParts(
  engine: SqlEngine,
  config: Pick<ConfigReads, 'loadSectorConfig' | 'listDimensions'>,
  engineSql: { parameters: EngineParameterSql; refresh: ScoreRefreshSql },
  options: ScoringOptions = {},
): { operations: ScoringOperations; following: EditFollowing } {
  const parameters = platformParameterRepository(engine, engineSql.parameters);
  const { sessionParameters: _, ...parameterOperations } = parameters;
  const { sectorScores, readInParts, forget, followed, forgetAll, ...reads } = scoringRepository(
    engine,
    config,
    parameters,
    options,
  );
  return {
    operations: {
      ...parameterOperations,
      ...reads,
      ...scoreRefresher(
        engine,
        { score: sectorScores, readInParts, forget, alongside: (write) => followed(write, () => []) },
        engineSql.refresh,
      ),
    },
    following: { followed, forgetAll },
  };
}

/** The scoring operations of the storage port on one engine. */
export const scoringOperations = (...args: Parameters<typeof scoringParts>): ScoringOperations =>
  scoringParts(...args).operations;
