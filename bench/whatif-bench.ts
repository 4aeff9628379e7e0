import type { Db } from '../db/sqlite/connection';
import { sqliteConfigRepository } from '../db/sqlite/config-repo';
import { sqliteParameterSql } from '../db/core/platform-parameters';
import { scoringOperations } from '../db/core/scoring-repository';
import { sqliteDataVersion } from '../db/sqlite/data-version';
import { sqliteScoreRefreshSql } from '../db/sqlite/score-refresh-sql';
import { sqliteEngine } from '../db/sqlite/sql-engine';
import { percentile, sink } from './stats';

export interface WhatIfBench {
  /** p95 in ms of a what-if of the whole sector: re-scored, ranked, compared with the saved ranking. */
  appP95: number;
  /** p95 in ms of the floor: one weighted-sum pass over the same scores in a Float64Array. */
  floorP95: number;
  organizations: number;
  rounds: number;
}

/**
 * The what-if as the reader's thread runs it (the scoring repository on the bench's connection,
 * assessments kept in memory after the first call), each call with other weights as an analyst's
 * keystrokes would send, against a plain loop over the same numbers: the floor of any scoring.
 */
export async function benchWhatIf(db: Db, sector: string, quick: boolean): Promise<WhatIfBench> {
  const config = sqliteConfigRepository(db);
  const scoring = scoringOperations(
    sqliteEngine(db),
    config,
    { parameters: sqliteParameterSql, refresh: sqliteScoreRefreshSql(db) },
    {
      dataVersion: sqliteDataVersion(db),
    },
  );
  const saved = (await config.loadSectorConfig(sector)).dimension_weights;
  const codes = Object.keys(saved);
  const rounds = quick ? 5 : 40;
  const weightsFor = (round: number) =>
    Object.fromEntries(codes.map((code, k) => [code, k === round % codes.length ? 0.4 : (saved[code] ?? 0)]));
  // The first call loads the sector's assessments (not timed: a keystroke finds them loaded).
  const first = await scoring.whatIf({ focus_group_id: sector, weights: weightsFor(0) });

  const n = first.assessed;
  const d = codes.length;
  const scores = new Float64Array(n * d).map((_, i) => (i * 37) % 101);
  const weights = Float64Array.from(codes, (code) => saved[code] ?? 0);
  const floor = () => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let weighted = 0;
      for (let k = 0; k < d; k++) weighted += (weights[k] as number) * (scores[i * d + k] as number);
      total += weighted;
    }
    sink.value += total;
  };

  const app: number[] = [];
  const floors: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    let started = performance.now();
    const result = await scoring.whatIf({ focus_group_id: sector, weights: weightsFor(round) });
    app.push(performance.now() - started);
    sink.value += result.spearman;
    started = performance.now();
    floor();
    floors.push(performance.now() - started);
  }
  return { appP95: percentile(app, 95), floorP95: percentile(floors, 95), organizations: n, rounds };
}
