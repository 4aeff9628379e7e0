import { afterEach, describe, expect, it } from 'vitest';
import { viewsDocument } from '../../shared/saved-views';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { failure, ok } from './test/results';

const healthcare = {
  focus_group_id: 'pe_healthcare',
  sort: 'employee_count',
  dir: 'desc',
  hidden: ['ticker'],
};
const active = { status: 'active', where: [{ column: 'employee_count', op: 'range', min: 50 }] };

describe.each(storageEngines())('saved views on $name', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((backend) => backend.close()));
  });
  async function backendOn(dbFile: string): Promise<Backend> {
    const backend = await createBackend({ dbFile, changePollMs: 50 });
    open.push(backend);
    return backend;
  }
  async function ready(): Promise<{ backend: Backend; dbFile: string }> {
    const dbFile = await engine.newDatabase();
    const backend = await backendOn(dbFile);
    await ok(backend.invoke('schema:init', {}));
    return { backend, dbFile };
  }

  it.skipIf(engine.skip !== null)(
    'are kept in the database, by name, and shared by every instance on it',
    async () => {
      const { backend, dbFile } = await ready();
      expect(await ok(backend.invoke('views:list', {}))).toEqual([]);
      const saved = await ok(backend.invoke('views:save', { name: 'Healthcare by size', view: healthcare }));
      expect(saved).toEqual([{ name: 'Healthcare by size', view: healthcare, saved_at: expect.any(String) }]);
      expect(saved[0]!.saved_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

      // Another instance on the same database (another window's process, another analyst) sees it,
      // and its own save is seen here.
      const other = await backendOn(dbFile);
      expect((await ok(other.invoke('views:list', {}))).map((v) => v.name)).toEqual(['Healthcare by size']);
      await ok(other.invoke('views:save', { name: 'active', view: active }));
      const both = await ok(backend.invoke('views:list', {}));
      expect(both.map((v) => v.name)).toEqual(['active', 'Healthcare by size']);
      expect(both[0]!.view).toEqual(active);

      // The same name replaces; a delete removes; each write answers with the list after it.
      const replaced = await ok(backend.invoke('views:save', { name: 'active', view: healthcare }));
      expect(replaced.find((v) => v.name === 'active')?.view).toEqual(healthcare);
      expect(await ok(other.invoke('views:delete', { name: 'active' }))).toHaveLength(1);
      expect((await ok(backend.invoke('views:list', {}))).map((v) => v.name)).toEqual(['Healthcare by size']);
    },
  );

  it.skipIf(engine.skip !== null)(
    'travel as a file: what one database exports another imports, replacing views of the same name',
    async () => {
      const { backend } = await ready();
      await ok(backend.invoke('views:save', { name: 'Healthcare by size', view: healthcare }));
      await ok(backend.invoke('views:save', { name: 'active', view: active }));
      const document = await ok(backend.invoke('views:document', {}));
      expect(document).toMatchObject({ format: 'sector-studio-views', version: 1 });

      const { backend: there } = await ready();
      await ok(there.invoke('views:save', { name: 'active', view: { sort: 'legal_name' } }));
      await ok(there.invoke('views:save', { name: 'mine', view: {} }));
      const imported = await ok(there.invoke('views:import', { text: JSON.stringify(document) }));
      expect([imported.added, imported.replaced]).toEqual([1, 1]);
      expect(imported.views.map((v) => [v.name, v.view])).toEqual([
        ['active', active],
        ['Healthcare by size', healthcare],
        ['mine', {}],
      ]);

      // A file that is not one changes nothing and says why in one sentence.
      const bad = viewsDocument([{ name: 'x', view: {} }]);
      const refusals = [
        'not json',
        JSON.stringify({ format: 'sector-studio-configuration', version: 1, sectors: [] }),
        JSON.stringify({ ...bad, views: [bad.views[0], bad.views[0]] }),
        JSON.stringify({ ...bad, views: [{ name: '  ', view: {} }] }),
      ];
      for (const text of refusals) {
        const error = await failure(there.invoke('views:import', { text }));
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.message).not.toMatch(/\n/);
      }
      expect(await ok(there.invoke('views:list', {}))).toEqual(imported.views);
    },
  );

  it.skipIf(engine.skip !== null)('refuse a view that is not a bounded JSON object with a name', async () => {
    const { backend } = await ready();
    const refused = [
      { name: '', view: {} },
      { name: 'x'.repeat(81), view: {} },
      { name: 'list', view: [] },
      { name: 'big', view: { widths: { a: 'x'.repeat(20_000) } } },
    ];
    for (const input of refused) {
      expect((await failure(backend.invoke('views:save', input as never))).code).toBe('INVALID_INPUT');
    }
    expect(await ok(backend.invoke('views:list', {}))).toEqual([]);
    // Names are trimmed as typed.
    const [view] = await ok(backend.invoke('views:save', { name: '  By size ', view: healthcare }));
    expect(view?.name).toBe('By size');
  });

  it.skipIf(engine.skip !== null)('before the schema exists, say so', async () => {
    const backend = await backendOn(await engine.newDatabase());
    expect((await failure(backend.invoke('views:list', {}))).code).toBe('NO_SCHEMA');
    expect((await failure(backend.invoke('views:save', { name: 'a', view: {} }))).code).toBe('NO_SCHEMA');
  });
});
