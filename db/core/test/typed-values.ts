import fc from 'fast-check';
import type { OrgValue } from '../../../shared/domain';
import type { FieldSpec } from '../../../shared/org-fields';

function hasControl(text: string): boolean {
  return [...text].some((c) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
  });
}

/** A value of the field's declared type, inside its rules or outside them. */
export function typedValue(spec: FieldSpec): fc.Arbitrary<OrgValue> {
  // Text as the rules define it: no control character but tab and line breaks (see docs/organizations.md).
  const text = (max: number) => fc.string({ unit: 'binary', maxLength: max }).filter((s) => !hasControl(s));
  switch (spec.kind) {
    case 'text':
      return text((spec.maxLength ?? 200) + 5);
    case 'integer':
      return fc.oneof(
        fc.integer({ min: (spec.min ?? -10) - 3, max: (spec.max ?? 10) > 1e6 ? 1e6 : (spec.max ?? 10) + 3 }),
        fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 0, -1),
      );
    case 'decimal': {
      const limit = spec.below ?? 1e6;
      return fc.oneof(
        fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => cents / 100),
        fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 1000),
        fc.constantFrom(limit - 0.01, limit, -limit + 0.01, 0, 100, 100.01, -0.01, 1e-7),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(text((spec.maxLength ?? 100) + 3), { maxLength: 4 });
    case 'choice':
      return fc.oneof(
        fc.constantFrom(...(spec.options ?? [])),
        fc.constantFrom('Active', 'bogus', 'active '),
      );
    default:
      return fc.constant(null);
  }
}
