import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { text } from './text';

describe('text fields', () => {
  const field = text(20);

  it('take what people type, in any script, emoji included', () => {
    for (const value of ['Kühne + Nagel', '東京海上', 'Café «Zürich»', 'one\ntwo\tthree', '👩‍💼 AI']) {
      expect(field.safeParse(value).success, value).toBe(true);
    }
  });

  it('refuse a lone surrogate, NUL and other control characters, and anything too long', () => {
    for (const value of ['abc\uD800', '\uDC00xyz', 'a\u0000b', 'bell\u0007', 'x'.repeat(21)]) {
      expect(field.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });

  it('accept exactly the strings that are well-formed and free of control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
        const wellFormed = Buffer.from(value, 'utf8').toString('utf8') === value;
        const control = [...value].some((c) => {
          const code = c.codePointAt(0) ?? 0;
          return (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0x7f;
        });
        expect(field.safeParse(value).success).toBe(wellFormed && !control);
      }),
    );
  });
});
