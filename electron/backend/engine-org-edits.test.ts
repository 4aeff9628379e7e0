import { afterEach, describe, expect, it } from 'vitest';
import type { OrgRow } from '../../shared/domain';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { ok } from './test/results';

const engines = storageEngines();

describe.each(engines)('organizations edited on $name', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });

  async function seeded(): Promise<Backend> {
    const backend = await createBackend({ dbFile: await engine.newDatabase() });
    open.push(backend);
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    return backend;
  }

  const acme = {
    focus_group_id: 'pe_technology',
    legal_name: 'Acme Robotics Inc.',
    employee_count: 1200,
    annual_revenue_usd: 12_500_000.5,
    cloud_native: true,
    github_stars_total: 4000,
  };

  it.skipIf(engine.skip)(
    'adds, reads, edits with the version, and answers a stale edit with both values',
    async () => {
      const b = await seeded();
      const added = await ok(b.invoke('orgs:add', { values: acme }));
      const row = added.row;
      expect(row).toMatchObject({ ...acme, sector_name: 'Technology', status: 'active', bed_count: null });
      expect(added.changes[1]).toBeGreaterThan(added.changes[0]);
      const version = row.updated_at as string;

      const saved = await ok(
        b.invoke('orgs:update', {
          organization_id: row.organization_id as string,
          version,
          values: { employee_count: 1300, cloud_native: false },
        }),
      );
      expect(saved.status).toBe('saved');
      const after = saved.status === 'saved' ? saved.row : ({} as OrgRow);
      expect(after).toMatchObject({ employee_count: 1300, cloud_native: false, legal_name: acme.legal_name });
      expect(after.updated_at! > version).toBe(true);

      const stale = await ok(
        b.invoke('orgs:update', {
          organization_id: row.organization_id as string,
          version,
          values: { employee_count: 1 },
        }),
      );
      expect(stale).toEqual({ status: 'conflict', current: after });
    },
  );

  it.skipIf(engine.skip)('moves the attribute row when the sector changes, in one transaction', async () => {
    const b = await seeded();
    const { row } = await ok(b.invoke('orgs:add', { values: acme }));
    const moved = await ok(
      b.invoke('orgs:update', {
        organization_id: row.organization_id as string,
        version: row.updated_at as string,
        values: { focus_group_id: 'pe_healthcare', bed_count: 40 },
      }),
    );
    expect(moved.status === 'saved' && moved.row).toMatchObject({
      focus_group_id: 'pe_healthcare',
      bed_count: 40,
      cloud_native: null,
      github_stars_total: null,
    });
  });

  it.skipIf(engine.skip)('refuses a bad value at its field, before and by the database', async () => {
    const b = await seeded();
    const bad = await b.invoke('orgs:add', { values: { ...acme, employee_count: -5 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'employee_count' } });
    const other = await b.invoke('orgs:add', { values: { ...acme, bed_count: 3 } });
    expect(other).toMatchObject({ ok: false, error: { field: 'bed_count' } });
    const sector = await b.invoke('orgs:add', { values: { ...acme, focus_group_id: 'pe_space' } });
    expect(sector).toMatchObject({ ok: false, error: { field: 'focus_group_id' } });
    const status = await ok(b.invoke('db:status', {}));
    expect(status.organizations).toBe(0);
  });

  it.skipIf(engine.skip)('deletes and restores the same ids and values; others see the changes', async () => {
    const b = await seeded();
    const first = await ok(b.invoke('orgs:add', { values: acme }));
    const second = await ok(b.invoke('orgs:add', { values: { ...acme, legal_name: 'Beta' } }));
    const start = await ok(b.invoke('orgs:changes', { after: 0 }));
    const ids = [first.row.organization_id as string, second.row.organization_id as string];
    const deleted = await ok(b.invoke('orgs:delete', { ids }));
    expect(deleted.rows.map((r) => r.legal_name).sort()).toEqual(['Acme Robotics Inc.', 'Beta']);
    expect(await ok(b.invoke('orgs:get', { organization_id: ids[0]! }))).toBeNull();
    const seen = await ok(b.invoke('orgs:changes', { after: start.last }));
    expect(seen.changes).toBe(2);
    const mine = await ok(b.invoke('orgs:changes', { after: start.last, own: [deleted.changes] }));
    expect(mine.changes).toBe(0);
    await ok(b.invoke('orgs:restore', { rows: deleted.rows }));
    expect(await ok(b.invoke('orgs:get', { organization_id: ids[0]! }))).toEqual(first.row);
  });
});
