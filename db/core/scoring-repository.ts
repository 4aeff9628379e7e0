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
import { breakdownOf } from './score-breakdown';
import { keptInputs, type Loaded, type ScoringOptions } from './kept-inputs';
import { scoreRefresher, type ScoreRefreshSql } from './score-refresh';
import type { SectorColumns } from './sector-columns';
import type { SqlEngine } from './sql';

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
  const { load, ...inputs } = keptInputs(engine, options);

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
    const sector = sectorScoring(s.basis, s.dimensions, columns);
    return breakdownOf(i, { ...s, columns, sector }, found.annual_revenue_usd);
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

  return { sectorRanking, scoreBreakdown, whatIf, sectorScores, ...inputs };
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
