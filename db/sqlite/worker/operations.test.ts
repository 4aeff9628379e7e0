import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderPerTest, seededDb } from '../../test/helpers';
import { openDatabase } from '../connection';
import { migrate, migrations } from '../migrate';
import { sqliteOperations } from './operations';

const folder = folderPerTest();

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

  it("the reader's organizations follow a migration another connection ran on the file", async () => {
    const file = join(folder(), 'older.db');
    const older = openDatabase(file, { migrate: false });
    // A file of the version before the assessments (migration 11) and their scores.
    for (const migration of migrations().slice(0, 10)) {
      older.exec(migration.sql);
      older.pragma(`user_version = ${migration.version}`);
    }
    const reader = sqliteOperations(older, file);
    const before = (await reader.read.organizationColumns()).map((c) => c.name);
    expect(before).not.toContain('org_air');

    const writer = openDatabase(file, { migrate: false });
    migrate(writer);
    const after = (await reader.read.organizationColumns()).map((c) => c.name);
    expect(after).toContain('org_air');
    expect(after).toContain('talent_concentration');
    writer.close();
    older.close();
  });
});
