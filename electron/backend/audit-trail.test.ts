import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigHistory, WriteBusyEvent } from '../../shared/domain';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { failure, ok } from './test/results';

/**
 * The four failures issue 24 measured, on both engines: a same-day edit overwrote the one before,
 * a change set could not be reverted as one, no change named its author, and a busy database was
 * silent for 30 s.
 */

const sector = 'pe_technology';

/** The values of one weight's versions, oldest first, with the rationale of the set that made each. */
function talentVersions(history: ConfigHistory) {
  const sets = new Map(history.change_sets.map((set) => [set.change_set_id, set]));
  return history.versions
    .filter((v) => v.key === 'talent')
    .map((v) => [v.value, sets.get(v.change_set_id)?.rationale ?? null]);
}

describe.each(storageEngines())('the audit trail on $name', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((backend) => backend.close()));
  });

  async function instance(url: string, author?: string): Promise<Backend> {
    const backend = await createBackend({ dbFile: url, changePollMs: 100, author, busyTimeoutMs: 5000 });
    open.push(backend);
    return backend;
  }

  async function seeded(author?: string): Promise<{ url: string; backend: Backend }> {
    const url = await engine.newDatabase();
    const backend = await instance(url, author);
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    await ok(backend.invoke('seed:weightsCalibrations', {}));
    return { url, backend };
  }

  async function weightsOf(backend: Backend) {
    return (await ok(backend.invoke('config:details', { focus_group_id: sector }))).weights;
  }

  const test = it.skipIf(engine.skip !== null);

  test('keeps two changes of one day as two versions, both in History, in order (save, revert, save)', async () => {
    const { backend } = await seeded();
    const baseline = (await weightsOf(backend)).find((w) => w.dimension_code === 'talent')!;
    const save = async (rationale: string) => {
      const talent = (await weightsOf(backend)).find((w) => w.dimension_code === 'talent')!;
      await ok(
        backend.invoke('config:updateWeights', {
          focus_group_id: sector,
          weights: [{ dimension_code: 'talent', weight: 0.24, weight_id: talent.weight_id }],
          rationale,
        }),
      );
    };
    await save('A: talent is scarcer');
    await ok(
      backend.invoke('config:revert', {
        focus_group_id: sector,
        kind: 'weight',
        version_id: baseline.weight_id,
        rationale: 'B: not yet',
      }),
    );
    await save('C: yes, scarcer');

    const history = await ok(backend.invoke('config:history', { focus_group_id: sector }));
    expect(history.versions.filter((v) => v.key === 'talent').map((v) => v.value)).toEqual([
      baseline.weight,
      0.24,
      baseline.weight,
      0.24,
    ]);
    expect(talentVersions(history)).toEqual([
      [baseline.weight, 'Seeded from the reference configuration'],
      [0.24, 'A: talent is scarcer'],
      [baseline.weight, 'B: not yet'],
      [0.24, 'C: yes, scarcer'],
    ]);
    const today = history.change_sets.slice(-3);
    expect(today.map((set) => set.kind)).toEqual(['edit', 'revert', 'edit']);
    const times = today.map((set) => set.made_at);
    expect(times.every((t) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(t))).toBe(true);
    expect([...times].sort()).toEqual(times);
    expect(today.map((set) => set.changes.map((c) => [c.key, c.before, c.after]))).toEqual([
      [['talent', baseline.weight, 0.24]],
      [['talent', 0.24, baseline.weight]],
      [['talent', baseline.weight, 0.24]],
    ]);

    // As of the moment of each change set: the configuration it left, though all are of one day.
    for (const [set, value] of [
      [today[0]!, 0.24],
      [today[1]!, baseline.weight],
    ] as const) {
      const then = await ok(backend.invoke('config:get', { focus_group_id: sector, as_of: set.made_at }));
      expect(then.dimension_weights.talent).toBe(value);
    }
  });

  test('reverts a change set of seven weights in one action, as a new change set', async () => {
    const { backend } = await seeded();
    const weights = await weightsOf(backend);
    const edited = weights.map((w, i) => ({
      dimension_code: w.dimension_code,
      weight: i === 0 ? Math.round((w.weight + 0.02) * 1000) / 1000 : w.weight,
      weight_id: w.weight_id,
    }));
    // Seven new values that still sum to 1: one up by 0.02, one down by 0.02, five by 0.
    edited[1]!.weight = Math.round((edited[1]!.weight - 0.02) * 1000) / 1000;
    edited[2]!.weight = Math.round((edited[2]!.weight + 0.01) * 1000) / 1000;
    edited[3]!.weight = Math.round((edited[3]!.weight - 0.01) * 1000) / 1000;
    const saved = await ok(
      backend.invoke('config:updateWeights', {
        focus_group_id: sector,
        weights: edited,
        rationale: 'Q3 review',
      }),
    );
    expect(saved.changed).toBe(4);
    const history = await ok(backend.invoke('config:history', { focus_group_id: sector }));
    const set = history.change_sets.at(-1)!;
    expect(set.changes).toHaveLength(4);

    const reverted = await ok(
      backend.invoke('config:revertChangeSet', {
        focus_group_id: sector,
        change_set_id: set.change_set_id,
        seen_change_set_id: set.change_set_id,
        rationale: 'The committee kept the old weights',
      }),
    );
    expect(reverted.changed).toBe(4);
    expect(reverted.config.weights_sum).toBe(1);
    expect(
      Object.fromEntries(
        weights.map((w) => [w.dimension_code, reverted.config.dimension_weights[w.dimension_code]]),
      ),
    ).toEqual(Object.fromEntries(weights.map((w) => [w.dimension_code, w.weight])));
    const after = await ok(backend.invoke('config:history', { focus_group_id: sector }));
    const revert = after.change_sets.at(-1)!;
    expect(revert).toMatchObject({
      kind: 'revert_set',
      reverts: set.change_set_id,
      rationale: 'The committee kept the old weights',
    });
    expect(revert.changes.map((c) => [c.key, c.before, c.after])).toEqual(
      set.changes.map((c) => [c.key, c.after, c.before]),
    );

    // The set seen is no longer the newest: another revert is refused until the analyst looks again.
    expect(
      (
        await failure(
          backend.invoke('config:revertChangeSet', {
            focus_group_id: sector,
            change_set_id: set.change_set_id,
            seen_change_set_id: set.change_set_id,
            rationale: 'again',
          }),
        )
      ).code,
    ).toBe('CONFLICT');
  });

  test("names each change's author: the instance's, or the one a window sends", async () => {
    const { url, backend } = await seeded('Alice Analyst');
    const other = await instance(url, 'Bob Banker');
    const calibrate = (b: Backend, value: number, author?: string) =>
      ok(
        b.invoke('config:updateCalibration', {
          focus_group_id: sector,
          parameter_name: 'h_r_baseline',
          value,
          rationale: `to ${value}`,
          author,
        }),
      );
    await calibrate(backend, 81);
    await calibrate(other, 82);
    await calibrate(other, 83, 'Carol (partner)');
    const history = await ok(backend.invoke('config:history', { focus_group_id: sector }));
    expect(history.change_sets.slice(-3).map((set) => set.author)).toEqual([
      'Alice Analyst',
      'Bob Banker',
      'Carol (partner)',
    ]);
    const bobs = await ok(backend.invoke('config:history', { focus_group_id: sector, author: 'Bob Banker' }));
    expect(bobs.change_sets.map((set) => set.rationale)).toEqual(['to 82']);
  });

  test('says a write waits for another process, with the time waited, and cancels it on request', async () => {
    const { url, backend } = await seeded();
    const holder = await holdWriteLock(engine.name, url);
    try {
      const busy = new Promise<WriteBusyEvent>((resolve) => backend.subscribe('write:busy', resolve));
      const save = backend.invoke('config:updateWeights', {
        focus_group_id: sector,
        weights: [{ dimension_code: 'talent', weight: 0.3 }],
        rationale: 'while another process writes',
        write_id: 'save-1',
      });
      const first = await Promise.race([
        busy.then((event) => ({ event })),
        save.then((result) => ({ result })),
      ]);
      expect(first).toMatchObject({ event: { write_id: 'save-1', waited_ms: expect.any(Number) } });
      expect(await ok(backend.invoke('config:cancelWrite', { write_id: 'save-1' }))).toEqual({
        cancelled: true,
      });
      expect(await failure(save)).toEqual({
        code: 'CANCELLED',
        message: 'Save cancelled while the database was busy: nothing was saved',
      });
    } finally {
      await holder.release();
    }
    expect((await weightsOf(backend)).find((w) => w.dimension_code === 'talent')?.weight).not.toBe(0.3);
  });
});

/** Another process's writer: SQLite's write lock on the file, or a PostgreSQL session locking the sector. */
async function holdWriteLock(
  kind: 'sqlite' | 'postgres',
  url: string,
): Promise<{ release(): Promise<void> }> {
  if (kind === 'sqlite') {
    const db = new Database(url);
    db.exec('BEGIN IMMEDIATE');
    return {
      release: async () => {
        db.exec('ROLLBACK');
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT 1 FROM focus_groups WHERE focus_group_id = $1 FOR UPDATE', [sector]);
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}
