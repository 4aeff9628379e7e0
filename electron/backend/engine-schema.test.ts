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
    'init creates the schema once, with the unified view of 105 columns',
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
      expect(view?.columns).toHaveLength(105);
      const tables = schema.value.objects.filter((o) => o.type === 'table').map((o) => o.name);
      expect(tables).toEqual(
        expect.arrayContaining(['organizations', 'org_attributes_energy', 'focus_group_calibrations']),
      );
    },
  );

  it.skipIf(engine.skip !== null)(
    "holds regulatory_bodies to the seed's VARCHAR(50)[]: an element of 51 characters is refused by the database (issue 21)",
    async () => {
      const url = await engine.newDatabase();
      backend = await createBackend({ dbFile: url });
      await backend.invoke('schema:init', {});
      await backend.invoke('seed:sectorsDimensions', {});
      const bodies = (element: string) =>
        engine.name === 'postgres' ? `ARRAY['SEC', '${element}']` : `'["SEC", "${element}"]'`;
      // Inserted as psql or sqlite3 would, beside the app: the database alone refuses.
      const insert = (id: number, element: string) =>
        engine.script(
          url,
          `INSERT INTO organizations (organization_id, legal_name, focus_group_id)
           VALUES ('00000000-0000-4000-8000-00000000000${id}', 'Bank ${id}', 'pe_financial_services');
           INSERT INTO org_attributes_financial_services (organization_id, regulatory_bodies)
           VALUES ('00000000-0000-4000-8000-00000000000${id}', ${bodies(element)});`,
        );
      await insert(1, 'x'.repeat(50));
      await expect(insert(2, 'x'.repeat(51))).rejects.toThrow(
        engine.name === 'postgres'
          ? 'value too long for type character varying(50)'
          : 'regulatory_bodies holds texts of at most 50 characters',
      );
      const schema = await backend.invoke('schema:describe', {});
      if (!schema.ok) throw new Error(schema.error.message);
      const column = schema.value.objects
        .find((o) => o.name === 'org_attributes_financial_services')
        ?.columns.find((c) => c.name === 'regulatory_bodies');
      expect(column?.type).toBe(engine.name === 'postgres' ? 'character varying(50)[]' : 'TEXT');
    },
  );
});
