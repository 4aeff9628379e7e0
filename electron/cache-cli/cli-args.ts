import { decodeBytes } from '../backend/cache/bytes';

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0b || b === 0x0c || b === 0x0d;
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}

const SIMPLE_ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x61: 0x07 };

/**
 * Splits one input line into arguments with redis-cli's rules (sds.c sdssplitargs): whitespace
 * separates; "double quotes" understand \n \r \t \b \a \xHH and \<any> for the character itself;
 * 'single quotes' are literal except \'; a quote may start mid-word; a closing quote must be
 * followed by whitespace or the end. Returns null where redis-cli says "Invalid argument(s)".
 * Works on bytes, since \xHH may produce any byte; arguments come back as canonical strings.
 */
export function splitArgs(line: Uint8Array): string[] | null {
  const args: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return args;
    const current: number[] = [];
    let quote: 0 | 0x22 | 0x27 = 0;
    let done = false;
    while (!done) {
      const c = line[i];
      if (quote === 0x22) {
        if (c === undefined) return null;
        if (c === 0x5c && line[i + 1] === 0x78 && hexValue(line[i + 2]) >= 0 && hexValue(line[i + 3]) >= 0) {
          current.push(hexValue(line[i + 2]) * 16 + hexValue(line[i + 3]));
          i += 3;
        } else if (c === 0x5c && i + 1 < n) {
          i++;
          const e = line[i] as number;
          current.push(SIMPLE_ESCAPES[e] ?? e);
        } else if (c === 0x22) {
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          current.push(c);
        }
      } else if (quote === 0x27) {
        if (c === undefined) return null;
        if (c === 0x5c && line[i + 1] === 0x27) {
          i++;
          current.push(0x27);
        } else if (c === 0x27) {
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          current.push(c);
        }
      } else if (c === undefined || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0) {
        done = true;
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else {
        current.push(c);
      }
      if (i < n) i++;
    }
    args.push(decodeBytes(Uint8Array.from(current)));
  }
}
