import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgRow } from '../../shared/domain';
import type { Storage } from '../port';
import { eventually, folderPerTest } from '../test/helpers';
import { openSqliteStorage } from './storage';

const folder = folderPerTest();
const sector = 'pe_energy';
const hooks = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('the scores after a write of this instance', () => {
  let storage: Storage | undefined;
  afterEach(async () => storage?.close());

  it('are recomputed at once, without waiting for the watch of the file', async () => {
    // The watch that notices any connection's commit looks once an hour here: only the write's own
    // request can start the refresh.
    storage = await openSqliteStorage(join(folder(), 'scores.db'), { pollMs: 3_600_000 });
    await storage.migrate();
    await storage.seedSectorsDimensions();
    await storage.seedWeightsCalibrations({ author: 'Test Analyst' });
    await storage.insertSampleOrganizations({ count: 70, seed: 4 }, hooks());
    await storage.refreshScores();
    const window = { focus_group_id: sector, sort: 'legal_name', dir: 'asc', start: 0, count: 100 } as const;
    const assessed = (await storage.organizationRows(window)).rows.find((row) => row.assessed_on !== null);
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
});
