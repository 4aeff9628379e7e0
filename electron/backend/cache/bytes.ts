/**
 * Redis values and keys are byte strings; the keyspace stores them as JS strings so that the typed
 * API can hand out stored values without copying. The bridge between the two is a canonical
 * decoding: valid UTF-8 becomes the ordinary JS string, and every byte that is not part of a valid
 * UTF-8 sequence becomes a lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"). The mapping
 * is lossless in both directions, so `\xff` typed into cache-cli round-trips as one byte, STRLEN
 * counts bytes, and plain text (JSON) stays a plain JS string.
 */

const ESCAPE_BASE = 0xdc00;

function isEscapeUnit(unit: number): boolean {
  return unit >= 0xdc80 && unit <= 0xdcff;
}

/** Number of bytes the canonical string stands for (what STRLEN and APPEND report). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u < 0x80) n += 1;
    else if (u < 0x800) n += 2;
    else if (u >= 0xd800 && u <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else if (isEscapeUnit(u)) n += 1;
    else n += 3;
  }
  return n;
}

function isLowSurrogate(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

/** The bytes a canonical string stands for. Lone surrogates outside the escape range become U+FFFD. */
export function encodeBytes(s: string): Buffer {
  const out = Buffer.allocUnsafe(byteLength(s));
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 0x80) {
      out[o++] = cp;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
      i++;
    } else if (isEscapeUnit(cp)) {
      out[o++] = cp - ESCAPE_BASE;
      continue;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      cp = 0xfffd;
    }
    if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 0x3f);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
  }
  return out;
}

function isContinuation(b: number | undefined): boolean {
  return b !== undefined && (b & 0xc0) === 0x80;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const b1 = bytes[i + 1];
  if (b0 >= 0xc2 && b0 <= 0xdf) return isContinuation(b1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (!isContinuation(b1) || !isContinuation(bytes[i + 2])) return 0;
    const v = b1 as number;
    if (b0 === 0xe0 && v < 0xa0) return 0; // overlong
    if (b0 === 0xed && v >= 0xa0) return 0; // UTF-16 surrogate, not valid UTF-8
    return 3;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (!isContinuation(b1) || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) return 0;
    const v = b1 as number;
    if (b0 === 0xf0 && v < 0x90) return 0; // overlong
    if (b0 === 0xf4 && v >= 0x90) return 0; // beyond U+10FFFF
    return 4;
  }
  return 0;
}

/** Canonical string for arbitrary bytes (see the module comment). */
export function decodeBytes(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  let out = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    out += Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8');
    out += String.fromCharCode(ESCAPE_BASE + (bytes[i] as number));
    i++;
    start = i;
  }
  return out + Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8');
}

/** True when the string carries escaped bytes, which concatenation may turn into valid UTF-8. */
export function hasEscapedBytes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (isEscapeUnit(s.charCodeAt(i))) return true;
  }
  return false;
}

/** Concatenation of two canonical strings, canonical again (APPEND of split UTF-8 sequences). */
export function concatCanonical(a: string, b: string): string {
  const joined = a + b;
  return hasEscapedBytes(a) || hasEscapedBytes(b) ? decodeBytes(encodeBytes(joined)) : joined;
}
