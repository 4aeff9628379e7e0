import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './index';
import { storageEngines, type Engine } from './test/engines';
import { ok } from './test/results';

/**
 * Issue 24: nothing of the configuration history is ever deleted or changed in place. Every write
 * path runs in turn (and the refusals too); after each, the history's rows only grow, and every row
 * seen before is still there with the same values, except that an open version may be closed once.
 */

type Row = Record<string, unknown>;
const tables = {
  config_change_sets: 'change_set_id',
  focus_group_dimension_weights: 'weight_id',
  focus_group_calibrations: 'calibration_id',
} as const;
type Table = keyof typeof tables;
type Snapshot = Record<Table, Map<number, Row>>;

/** Closing a version sets these once; everything else a row records stays as it was written. */
const closing = new Set(['effective_to', 'is_current']);

/** Reads every history row with a plain connection beside the backend's. */
async function reader(engine: Engine['name'], url: string) {
  const read = async (sql: string): Promise<Row[]> => {
    if (engine === 'sqlite') {
      const db = new Database(url, { readonly: true });
      try {
        return db.prepare(sql).all() as Row[];
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Row>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  return async (): Promise<Snapshot> => {
    const snapshot = {} as Snapshot;
    for (const [table, key] of Object.entries(tables) as [Table, string][]) {
      const rows = await read(`SELECT * FROM ${table}`);
      snapshot[table] = new Map(rows.map((row) => [Number(row[key]), row]));
    }
    return snapshot;
  };
}

function expectKept(before: Snapshot, after: Snapshot, step: string): void {
  for (const table of Object.keys(tables) as Table[]) {
    expect(after[table].size, `${step}: ${table} rows`).toBeGreaterThanOrEqual(before[table].size);
    for (const [id, row] of before[table]) {
      const now = after[table].get(id);
      expect(now, `${step}: ${table} #${id} is still there`).toBeDefined();
      for (const [column, value] of Object.entries(row)) {
        const later = now?.[column];
        if (closing.has(column) && String(later) !== String(value)) {
          // Closed once: from open (NULL, current) to a day, never back and never again.
          expect(
            column === 'effective_to' ? value : Number(value),
            `${step}: ${table} #${id} ${column}`,
          ).toBe(column === 'effective_to' ? null : 1);
        } else {
          expect(String(later), `${step}: ${table} #${id} ${column}`).toBe(String(value));
        }
      }
    }
  }
}

describe.each(storageEngines())('the history only grows on $name', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((backend) => backend.close()));
  });
  const test = it.skipIf(engine.skip !== null);

  test('through every write path, and the database refuses the rest', async () => {
    const url = await engine.newDatabase();
    const backend = await createBackend({ dbFile: url, author: 'Auditor' });
    open.push(backend);
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    const snapshot = await reader(engine.name, url);
    let before = await snapshot();
    const sector = 'pe_healthcare';
    const history = () => ok(backend.invoke('config:history', { focus_group_id: sector }));
    const talentId = async () =>
      (await history()).versions.find((v) => v.key === 'talent' && v.is_current)?.version_id ?? 0;
    const document = async () =>
      JSON.stringify(await ok(backend.invoke('config:document', { focus_group_id: sector })));
    const edits: [string, () => Promise<unknown>][] = [
      ['seed', () => backend.invoke('seed:weightsCalibrations', {})],
      ['seed again', () => backend.invoke('seed:weightsCalibrations', {})],
      [
        'one weight',
        () =>
          backend.invoke('config:updateWeight', {
            focus_group_id: sector,
            dimension_code: 'talent',
            weight: 0.2,
            rationale: 'a',
          }),
      ],
      [
        'the same weight again, the same day',
        () =>
          backend.invoke('config:updateWeights', {
            focus_group_id: sector,
            weights: [
              { dimension_code: 'talent', weight: 0.21 },
              { dimension_code: 'culture', weight: 0.05 },
            ],
            rationale: 'b',
          }),
      ],
      [
        'a stale version (refused)',
        async () =>
          backend.invoke('config:updateWeights', {
            focus_group_id: sector,
            weights: [{ dimension_code: 'talent', weight: 0.3, weight_id: (await talentId()) - 1 }],
            rationale: 'c',
          }),
      ],
      [
        'a calibration',
        () =>
          backend.invoke('config:updateCalibration', {
            focus_group_id: sector,
            parameter_name: 'h_r_baseline',
            value: 79,
            rationale: 'd',
          }),
      ],
      [
        'a new calibration',
        () =>
          backend.invoke('config:addCalibration', {
            focus_group_id: sector,
            parameter_name: 'audit_floor',
            parameter_type: 'threshold',
            description: 'Lowest audit score',
            value: 0.5,
            rationale: 'e',
          }),
      ],
      [
        'a revert of one value',
        async () => {
          const first = (await history()).versions.find((v) => v.key === 'talent');
          return backend.invoke('config:revert', {
            focus_group_id: sector,
            kind: 'weight',
            version_id: first?.version_id ?? 0,
            rationale: 'f',
          });
        },
      ],
      [
        'a revert of a change set',
        async () => {
          const sets = (await history()).change_sets;
          const set = sets.find((s) => s.rationale === 'b');
          return backend.invoke('config:revertChangeSet', {
            focus_group_id: sector,
            change_set_id: set?.change_set_id ?? 0,
            rationale: 'g',
          });
        },
      ],
      [
        'an import of the same values (nothing to do)',
        async () => backend.invoke('config:import', { text: await document() }),
      ],
    ];
    for (const [step, edit] of edits) {
      await edit();
      const after = await snapshot();
      expectKept(before, after, step);
      before = after;
    }
    // The seed's seven, and one for each write that changed something (the refused and empty ones made none).
    expect(before.config_change_sets.size).toBe(13);

    // A tool writing SQL meets the same rule: no update but a close, no delete.
    const refusals = [
      'UPDATE focus_group_dimension_weights SET weight = 0.5',
      "UPDATE focus_group_calibrations SET description = 'rewritten'",
      'UPDATE focus_group_dimension_weights SET effective_to = NULL WHERE effective_to IS NOT NULL',
      "UPDATE config_change_sets SET author = 'someone else'",
      'DELETE FROM focus_group_calibrations',
      'DELETE FROM config_change_sets',
    ];
    for (const sql of refusals) {
      await expect(write(engine.name, url, sql), sql).rejects.toThrow(/configuration history is kept/);
    }
    expectKept(before, await snapshot(), 'SQL from another tool');
  });
});

async function write(engine: Engine['name'], url: string, sql: string): Promise<void> {
  if (engine === 'sqlite') {
    const db = new Database(url);
    try {
      db.prepare(sql).run();
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
