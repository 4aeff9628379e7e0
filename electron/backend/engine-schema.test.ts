import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';

describe.each(storageEngines())('schema on $name', (engine) => {
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  it.skipIf(engine.skip !== null)(
    'init creates the schema once, with the unified view of 92 columns',
    async () => {
      backend = await createBackend({ dbFile: await engine.newDatabase() });
      const before = await backend.invoke('db:status', {});
      expect(before).toMatchObject({ ok: true, value: { schema_version: 0, organizations: 0 } });
      const first = await backend.invoke('schema:init', {});
      const again = await backend.invoke('schema:init', {});
      if (!first.ok || !again.ok) throw new Error('migrate failed');
      expect(first.value.applied.length).toBeGreaterThan(0);
      expect(again.value.applied).toEqual([]);
      expect(again.value.message).toMatch(/nothing to do/);
      const schema = await backend.invoke('schema:describe', {});
      if (!schema.ok) throw new Error(schema.error.message);
      const view = schema.value.objects.find((o) => o.name === 'vw_organizations_full');
      expect(view?.type).toBe('view');
      expect(view?.columns).toHaveLength(92);
      const tables = schema.value.objects.filter((o) => o.type === 'table').map((o) => o.name);
      expect(tables).toEqual(
        expect.arrayContaining(['organizations', 'org_attributes_energy', 'focus_group_calibrations']),
      );
    },
  );
});
