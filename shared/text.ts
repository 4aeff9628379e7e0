import { z } from 'zod';

// With the u flag a surrogate pair is one code point, so only a lone surrogate matches.
const loneSurrogate = /[\uD800-\uDFFF]/u;
/** Tab, line feed and carriage return are text; other control characters (NUL among them) are not. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/**
 * Text a person types: well-formed Unicode (a lone UTF-16 surrogate would be stored as bytes that
 * are not UTF-8, which other SQLite tools cannot read), no control characters, at most `max`
 * characters, as the column's CHECK allows.
 */
export function text(max: number) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((value) => !loneSurrogate.test(value), 'is not valid Unicode (it contains a lone surrogate)')
    .refine((value) => !hasControlCharacter(value), 'contains a control character');
}
