import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgRow } from '../../shared/domain';
import type { Storage } from '../port';
import { eventually, folderPerTest } from '../test/helpers';
import { openSqliteStorage } from './storage';

const folder = folderPerTest();
const sector = 'pe_energy';
const hooks = () => ({ signal: new AbortController().signal, progress: () => {} });

/**
 * A storage on a new file with the reference configuration, whose watch of the file looks once an
 * hour: only its own writes' requests can start a refresh.
 */
async function seededStorage(name: string): Promise<Storage> {
  const opened = await openSqliteStorage(join(folder(), name), { pollMs: 3_600_000 });
  await opened.migrate();
  await opened.seedSectorsDimensions();
  await opened.seedWeightsCalibrations({ author: 'Test Analyst' });
  return opened;
}

/** The sector's first assessed organization by name, as the grid shows it. */
async function firstAssessedRow(from: Storage): Promise<OrgRow | undefined> {
  const window = { focus_group_id: sector, sort: 'legal_name', dir: 'asc', start: 0, count: 100 } as const;
  return (await from.organizationRows(window)).rows.find((row) => row.assessed_on !== null);
}

describe('the scores after a write of this instance', () => {
  let storage: Storage | undefined;
  afterEach(async () => storage?.close());

  it('are recomputed at once, without waiting for the watch of the file', async () => {
    storage = await seededStorage('scores.db');
    await storage.insertSampleOrganizations({ count: 70, seed: 4 }, hooks());
    await storage.refreshScores();
    const assessed = await firstAssessedRow(storage);
    const id = assessed?.organization_id as string;
    expect(typeof assessed?.org_air).toBe('number');

    const saved = await storage.updateOrganization({
      organization_id: id,
      version: assessed?.updated_at as string,
      values: { data_infrastructure: 0, ai_governance: 0, culture: 0 },
    });
    expect(saved.status).toBe('saved');
    const breakdown = await storage.scoreBreakdown({ organization_id: id });
    const row = await eventually(
      async () => (await storage?.getOrganization(id)) as OrgRow,
      (now) => now.org_air === breakdown.org_air,
      15_000,
    );
    expect(row.org_air).not.toBe(assessed?.org_air);
  });

  it('let a weight saved meanwhile go ahead of the sectors still to refresh', async () => {
    storage = await seededStorage('turns.db');
    // Every sector stale: the refresh has seven sectors to read and write.
    await storage.insertSampleOrganizations({ count: 3_000, seed: 5 }, hooks());
    const finished: string[] = [];
    const refresh = storage.refreshScores().then((done) => {
      finished.push('refresh');
      return done;
    });
    const saved = storage
      .updateWeights({
        focus_group_id: sector,
        weights: [{ dimension_code: 'talent', weight: 0.13 }],
        rationale: 'saved while the scores refresh',
        author: 'Test Analyst',
      })
      .then(() => finished.push('weight'));
    await Promise.all([refresh, saved]);
    expect(finished).toEqual(['weight', 'refresh']);

    // The weight's sector was written after the weight, or is refreshed again for it.
    await storage.refreshScores();
    const assessed = await firstAssessedRow(storage);
    const id = assessed?.organization_id as string;
    expect(assessed?.org_air).toBe((await storage.scoreBreakdown({ organization_id: id })).org_air);
  });
});
