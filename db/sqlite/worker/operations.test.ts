import { describe, expect, it } from 'vitest';
import { seededDb } from '../../test/helpers';
import { sqliteOperations } from './operations';

describe("the writer thread's operations", () => {
  it('a configuration write arriving while the scores refresh is not refused with a nested transaction', async () => {
    const db = seededDb();
    const operations = sqliteOperations(db, ':memory:');
    const edit = (value: number) =>
      operations.configWrite.updateCalibration(
        {
          focus_group_id: 'pe_energy',
          parameter_name: 'h_r_baseline',
          value,
          rationale: 'edited beside a refresh',
          author: 'Test Analyst',
        },
        {},
      );
    // Each edit marks the sector stale again, so every refresh has work and every edit meets one.
    for (let i = 0; i < 20; i++) {
      const [refresh, saved] = await Promise.allSettled([operations.write.refreshScores(), edit(70 + i)]);
      const outcome = (settled: PromiseSettledResult<unknown>) =>
        settled.status === 'rejected' ? String(settled.reason) : 'done';
      expect([outcome(refresh), outcome(saved)]).toEqual(['done', 'done']);
    }
    db.close();
  });
});
