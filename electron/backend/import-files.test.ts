import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openImportFile } from '../../db/core/import/run';
import { folderPerTest } from '../../db/test/helpers';
import { ImportFiles } from './import-files';

const folder = folderPerTest();
const csv = 'legal_name,focus_group_id\nAcme,pe_technology\n';

describe('the files opened for an import', () => {
  it('reads a file where it lies, and refuses it once it changed: the preview was of what it held', async () => {
    const dir = folder();
    const path = join(dir, 'orgs.csv');
    writeFileSync(path, csv);
    const files = new ImportFiles(join(dir, 'app.sqlite'));
    const opened = await files.readPath(path);
    expect(opened).toMatchObject({ path, bytes: csv.length, headers: ['legal_name', 'focus_group_id'] });
    expect(files.get(opened.import_id).path).toBe(path);
    writeFileSync(path, `${csv}Beta,pe_retail\n`);
    await expect(openImportFile(files.get(opened.import_id))).rejects.toThrow(
      'orgs.csv changed since it was opened: open it again',
    );
    await files.close();
  });

  it('writes an upload to a temporary file as it arrives, and removes it when closed', async () => {
    const files = new ImportFiles(join(folder(), 'app.sqlite'));
    async function* body() {
      yield Buffer.from(csv.slice(0, 10));
      yield Buffer.from(csv.slice(10));
    }
    const opened = await files.upload(body(), 'upload.csv');
    expect(opened).toMatchObject({ name: 'upload.csv', path: null, bytes: csv.length });
    const staged = files.get(opened.import_id).path;
    expect(readFileSync(staged, 'utf8')).toBe(csv);
    await files.close();
    expect(existsSync(staged)).toBe(false);
  });
});
