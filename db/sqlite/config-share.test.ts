import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../../shared/config-document';
import { AppError } from '../../shared/errors';
import { sqliteConfigRepository } from './config-repo';
import { documentChecksum } from '../core/config-share';
import type { Db } from './connection';
import { seededDb, testRepository } from '../test/helpers';

/** A digest of every configuration row: equal digests mean nothing changed. */
function configDigest(db: Db): string {
  const hash = createHash('sha256');
  for (const table of [
    'focus_group_dimension_weights',
    'focus_group_calibrations',
    'focus_groups',
    'dimensions',
  ]) {
    hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
  }
  return hash.digest('hex');
}

/** The document's text with its checksum recomputed, as a careful hand-editor would leave it. */
function resigned(document: Record<string, unknown>): string {
  return JSON.stringify({ ...document, checksum: documentChecksum(document as ConfigDocument) });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
    return (error as AppError).message;
  }
  throw new Error('expected the file to be refused');
}

describe('sharing configurations', () => {
  it('exports a versioned, checksummed document and imports it elsewhere with the same values', async () => {
    const source = seededDb();
    const from = testRepository(source, () => '2025-04-01');
    await from.updateWeights({
      focus_group_id: 'pe_energy',
      weights: [
        { dimension_code: 'talent', weight: 0.14 },
        { dimension_code: 'culture', weight: 0.03 },
      ],
      rationale: 'grid talent is scarce',
    });
    await from.addCalibration({
      focus_group_id: 'pe_energy',
      parameter_name: 'governance_minimum',
      parameter_type: 'threshold',
      description: 'Min governance for approval',
      value: 62.5,
      rationale: 'new regulation',
    });
    const document = await from.exportDocument(null);
    expect(document).toMatchObject({ format: 'sector-studio-configuration', version: 1 });
    expect(document.sectors.map((s) => s.focus_group_id)).toHaveLength(7);
    expect(document.checksum).toBe(documentChecksum(document));
    const text = JSON.stringify(document, null, 2);

    const target = seededDb();
    const to = testRepository(target, () => '2025-05-01');
    const before = configDigest(target);
    const preview = await to.previewImport(text);
    expect(configDigest(target)).toBe(before);
    expect(preview.differences).toEqual([
      {
        focus_group_id: 'pe_energy',
        group_name: 'Energy & Utilities',
        kind: 'weight',
        key: 'talent',
        label: 'Talent',
        current: 0.12,
        incoming: 0.14,
      },
      expect.objectContaining({ key: 'culture', current: 0.05, incoming: 0.03 }),
      expect.objectContaining({
        kind: 'calibration',
        key: 'governance_minimum',
        current: null,
        incoming: 62.5,
      }),
    ]);

    const applied = await to.importDocument({ text });
    expect(applied.differences).toEqual(preview.differences);
    for (const sector of document.sectors) {
      expect(await to.loadSectorConfig(sector.focus_group_id)).toEqual(
        await from.loadSectorConfig(sector.focus_group_id),
      );
    }
    const talent = (await to.history('pe_energy')).versions.filter((v) => v.key === 'talent');
    expect(talent.at(-1)).toMatchObject({
      value: 0.14,
      effective_from: '2025-05-01',
      rationale: `Imported from a configuration exported ${document.exported_at.slice(0, 10)}: grid talent is scarce`,
    });
    expect(talent).toHaveLength(2);
    const imported = (await to.history('pe_energy')).change_sets.at(-1);
    expect(imported).toMatchObject({
      kind: 'import',
      author: 'Test Analyst',
      made_at: '2025-05-01T12:00:00.000Z',
      rationale: `Imported from a configuration file exported at ${document.exported_at}`,
    });
    expect(imported?.changes.map((c) => c.key)).toEqual(['talent', 'culture', 'governance_minimum']);

    // The same file again: nothing to do, nothing written.
    const after = configDigest(target);
    expect((await to.importDocument({ text })).differences).toEqual([]);
    expect(configDigest(target)).toBe(after);
  });

  it('exports one sector on its own', async () => {
    const document = await sqliteConfigRepository(seededDb()).exportDocument('pe_healthcare');
    expect(document.sectors).toHaveLength(1);
    expect(document.sectors[0]!.weights).toHaveLength(7);
    expect(document.sectors[0]!.calibrations.map((c) => c.parameter_name)).toContain('governance_minimum');
  });

  it('refuses a bad file in one sentence and changes nothing', async () => {
    const db = seededDb();
    const repo = testRepository(db);
    const valid = (await repo.exportDocument(null)) as unknown as Record<string, unknown> & ConfigDocument;
    const before = configDigest(db);
    const edited = structuredClone(valid);
    edited.sectors[0]!.weights[0]!.weight = 0.3;
    const cases: [string, string][] = [
      ['not json {', 'The file is not a configuration: it is not valid JSON'],
      [
        '[]',
        'The file is not a Sector Studio configuration (its format is not "sector-studio-configuration")',
      ],
      [
        JSON.stringify({ ...valid, version: 2 }),
        'The file is configuration version 2; this app reads version 1',
      ],
      [
        JSON.stringify(edited),
        "The file's checksum does not match its contents: it was changed or damaged after export",
      ],
      [
        resigned({ ...valid, sectors: [{ ...valid.sectors[0]!, focus_group_id: 'pe_space' }] }),
        'The file names a sector this database does not have: pe_space',
      ],
      [
        resigned({
          ...valid,
          sectors: [
            { ...valid.sectors[0]!, weights: [{ dimension_code: 'quantum', weight: 0.1, rationale: null }] },
          ],
        }),
        'The file names a dimension this database does not have: quantum',
      ],
      [
        resigned({ ...valid, sectors: [valid.sectors[1]!, valid.sectors[1]!] }),
        'The file lists the sector pe_financial_services twice',
      ],
      [
        resigned({
          ...valid,
          sectors: [
            { ...valid.sectors[0]!, weights: [{ ...valid.sectors[0]!.weights[0]!, weight: 0.1234 }] },
          ],
        }),
        'The file is not a valid configuration: sectors[0].weights[0].weight: A weight has at most 3 decimals',
      ],
      [
        resigned({
          ...valid,
          sectors: [
            { ...valid.sectors[0]!, calibrations: [{ ...valid.sectors[0]!.calibrations[0]!, value: 1e6 }] },
          ],
        }),
        'The file is not a valid configuration: sectors[0].calibrations[0].value: A calibration is less than 1,000,000',
      ],
      [
        resigned({ ...valid, exported_at: '0000-01-01T00:00:00.000Z' }),
        'The file is not a valid configuration: exported_at: must be a time in the years 0001 to 9999',
      ],
    ];
    for (const [text, message] of cases) {
      expect(await refusal(repo.previewImport(text))).toBe(message);
      expect(await refusal(repo.importDocument({ text }))).toBe(message);
    }
    expect(configDigest(db)).toBe(before);
  });

  describe('malformed documents (property-based)', () => {
    const nasty = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(
        1e308,
        -1,
        1.5,
        0.1234,
        1e6,
        -1e6,
        999999.99999,
        '',
        '\u0000',
        '\ud800',
        "'; DROP TABLE organizations;--",
        'x'.repeat(2000),
        'pe_space',
        'H_R_BASELINE',
        null,
        [],
        {},
      ),
    );

    type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
    const paths = (value: Json, prefix: (string | number)[] = []): (string | number)[][] => {
      if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
      if (value !== null && typeof value === 'object') {
        return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
      }
      return [];
    };

    /** Replaces, deletes or adds one field somewhere in the document. */
    const mutation = fc.record({
      at: fc.nat(),
      op: fc.constantFrom('replace', 'delete', 'add'),
      value: nasty.map((v) => v as Json),
      key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'weight')),
    });

    function mutate(document: Json, change: { at: number; op: string; value: Json; key: string }): Json {
      const copy = structuredClone(document);
      const all = paths(copy);
      const path = all[change.at % all.length]!;
      const parent = path
        .slice(0, -1)
        .reduce<Json>((node, part) => (node as Record<string, Json>)[part]!, copy);
      const last = path.at(-1)!;
      if (change.op === 'replace') (parent as Record<string | number, Json>)[last] = change.value;
      else if (change.op === 'delete') {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else Reflect.deleteProperty(parent as Record<string, Json>, last);
      } else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
        Object.defineProperty(parent, change.key, { value: change.value, enumerable: true, writable: true });
      }
      return copy;
    }

    it('any change to a signed file is refused, or changes no value', async () => {
      const db = seededDb();
      const repo = testRepository(db);
      const valid = (await repo.exportDocument(null)) as unknown as Json;
      const before = configDigest(db);
      await fc.assert(
        fc.asyncProperty(mutation, async (change) => {
          const text = JSON.stringify(mutate(valid, change));
          try {
            const result = await repo.importDocument({ text });
            // Only a change that leaves every value as it was (a rationale, say) can get this far: no.
            expect(result.differences).toEqual([]);
          } catch (error) {
            expect((error as AppError).code).toBe('INVALID_INPUT');
            expect((error as AppError).message).not.toMatch(/\n|SQLITE|CHECK|constraint/);
          }
          expect(configDigest(db)).toBe(before);
        }),
        { numRuns: 300 },
      );
    });

    it('a re-signed file is applied whole or refused in one sentence, never with a database error', async () => {
      const db = seededDb();
      const repo = testRepository(db);
      const valid = (await repo.exportDocument(null)) as unknown as Json;
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (changes) => {
          const mutated = changes.reduce(mutate, valid) as Record<string, unknown>;
          const text = resigned(mutated);
          const before = configDigest(db);
          try {
            await repo.importDocument({ text });
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe('INVALID_INPUT');
            expect((error as AppError).message).not.toMatch(/\n|SQLITE|CHECK|constraint/);
            expect(configDigest(db)).toBe(before);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('any number in a weight or calibration is stored exactly or refused by the schema, never by SQLite', async () => {
      const db = seededDb();
      const repo = testRepository(db);
      const valid = await repo.exportDocument(null);
      const decimals = (scale: number, max: number) =>
        fc.integer({ min: -max * 10 ** scale, max: max * 10 ** scale }).map((n) => n / 10 ** scale);
      const number = (scale: number, max: number) =>
        fc.oneof(fc.double(), fc.double({ min: -max, max }), decimals(scale, max), decimals(scale + 1, max));
      let stored = 0;
      const change = fc.oneof(
        fc.record({ kind: fc.constant('weight' as const), index: fc.nat(6), value: number(3, 1.5) }),
        fc.record({ kind: fc.constant('calibration' as const), index: fc.nat(3), value: number(4, 1.5e6) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.nat(6), change, async (sector, { kind, index, value }) => {
          const document = structuredClone(valid);
          const target = document.sectors[sector]!;
          const weight = target.weights[index]!;
          const calibration = target.calibrations[index]!;
          if (kind === 'weight') weight.weight = value;
          else calibration.value = value;
          const before = configDigest(db);
          try {
            await repo.importDocument({ text: resigned(document) });
          } catch (error) {
            expect((error as AppError).code).toBe('INVALID_INPUT');
            expect(configDigest(db)).toBe(before);
            return;
          }
          stored++;
          const config = await repo.loadSectorConfig(target.focus_group_id);
          const read =
            kind === 'weight'
              ? config.dimension_weights[weight.dimension_code]
              : config.calibrations[calibration.parameter_name];
          expect(read).toBe(value === 0 ? 0 : value);
        }),
        { numRuns: 400 },
      );
      // Both outcomes occur: the property is not vacuous.
      expect(stored).toBeGreaterThan(20);
    });

    it('text that is not a document at all is refused', async () => {
      const db = seededDb();
      const repo = testRepository(db);
      const before = configDigest(db);
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), async (text) => {
          const message = await refusal(repo.previewImport(text));
          expect(message).not.toMatch(/\n/);
        }),
        { numRuns: 300 },
      );
      expect(configDigest(db)).toBe(before);
    });
  });
});
