import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test/helpers';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dir = tempDir();
const db = join(dir.dir, 'scores.db');

/** Runs the CLI as a user does, in its own process (each run takes seconds: few of them). */
function cli(...args: string[]) {
  const run = spawnSync(tsx, [join(root, 'electron/cli/main.ts'), '--db', db, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  expect(cli('init').code).toBe(0);
  expect(cli('seed').code).toBe(0);
  expect(cli('seed-orgs', '--count', '70', '--seed', '3').code).toBe(0);
}, 120_000);
afterAll(() => dir.cleanup());

interface Ranked {
  organization_id: string;
  rank: number;
  org_air: number;
}

describe('score and rank', () => {
  it('rank a sector as CSV, and score its leader with the same Org-AI-R and every intermediate', () => {
    const csv = cli('rank', '--sector', 'pe_energy', '--format', 'csv');
    expect(csv.code).toBe(0);
    const [header, ...lines] = csv.stdout.trim().split('\n');
    expect(header).toBe('rank,organization_id,legal_name,status,org_air,vr,hr,synergy');
    expect(lines).toHaveLength(10);
    const leader = lines[0]?.split(',') ?? [];
    const score = cli('score', leader[1] ?? '', '--format', 'json');
    expect(score.code).toBe(0);
    const breakdown = JSON.parse(score.stdout) as Record<string, unknown>;
    for (const name of [
      'weighted_mean',
      'cv',
      'penalty',
      'talent_adjustment',
      'vr',
      'revenue_percentile',
      'sector_mean_vr',
      'position_factor',
      'hr',
      'synergy',
      'org_air',
    ]) {
      expect(typeof breakdown[name], name).toBe('number');
    }
    expect(breakdown).toMatchObject({ rank: 1, sector_count: 10 });
    expect((breakdown.org_air as number).toFixed(2)).toBe(leader[leader.length - 4]);
  });

  it('rank with --weight as a what-if that saves nothing; weights that do not sum to 1 exit 2', () => {
    const saved = JSON.parse(cli('rank', '--sector', 'pe_energy', '--format', 'json').stdout) as {
      ranking: Ranked[];
    };
    const whatIf = cli(
      'rank',
      '--sector',
      'pe_energy',
      '--top',
      '3',
      '--format',
      'json',
      '--weight',
      'talent=0.17',
      '--weight',
      'culture=0',
    );
    expect(whatIf.code).toBe(0);
    const changed = JSON.parse(whatIf.stdout) as { weights: Record<string, number>; ranking: Ranked[] };
    expect(changed.weights).toMatchObject({ talent: 0.17, culture: 0 });
    expect(changed.ranking).toHaveLength(3);
    expect(changed.ranking.map((r) => r.org_air)).not.toEqual(
      saved.ranking.slice(0, 3).map((r) => r.org_air),
    );
    expect(cli('rank', '--sector', 'pe_energy', '--weight', 'talent=0.5')).toMatchObject({
      code: 2,
      stderr: 'error: The weights sum to 1.380, not 1.000: nothing was ranked\n',
    });
    const again = JSON.parse(cli('rank', '--sector', 'pe_energy', '--format', 'json').stdout) as {
      ranking: Ranked[];
    };
    expect(again.ranking).toEqual(saved.ranking);
  });

  it('set-parameter keeps a dated version with its reason, and rank uses it', () => {
    const set = cli('set-parameter', 'beta', '--value', '0.2', '--rationale', 'More weight on synergy');
    expect(set.code).toBe(0);
    const shown = JSON.parse(set.stdout) as {
      parameters: { parameter_name: string; value: number; rationale: string }[];
    };
    expect(shown.parameters.map((p) => p.parameter_name)).toEqual([
      'alpha',
      'beta',
      'lambda',
      'kappa',
      'alignment',
      'timing',
    ]);
    expect(shown.parameters[1]).toMatchObject({ value: 0.2, rationale: 'More weight on synergy' });
    const ranked = JSON.parse(
      cli('rank', '--sector', 'pe_energy', '--top', '1', '--format', 'json').stdout,
    ) as {
      parameters: { beta: number };
    };
    expect(ranked.parameters.beta).toBe(0.2);
  });
});
