/**
 * Redis's glob matcher (util.c stringmatchlen) over bytes: `*`, `?`, `[abc]`, `[^a]`, `[a-z]`
 * (reversed ranges allowed), backslash escapes, an unterminated `[` matching as if closed.
 * Bytes are compared as C `char`, which is signed on the platforms Redis ships for, so ranges
 * involving bytes >= 0x80 behave as they do there.
 *
 * Bounded as redis-server 7.0.15 bounds it (Debian's build carries the CVE-2024-31228 fix):
 * - once the rest of a pattern after a `*` has failed from every position of the remaining
 *   subject, no earlier `*` can help (a longer match for it only moves the rest further right),
 *   so the whole match fails at once instead of backtracking through every split;
 * - more than 1000 nested `*` never match.
 */

const MAX_NESTING = 1000;

interface MatchState {
  /** Set when the pattern's tail has failed everywhere: every pending `*` gives up. */
  skipLongerMatches: boolean;
  readonly nocase: boolean;
  readonly onStep: (() => void) | undefined;
}

function signed(b: number): number {
  return (b << 24) >> 24;
}

function lower(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}

function matchAt(
  p: Uint8Array,
  pi: number,
  s: Uint8Array,
  si: number,
  state: MatchState,
  nesting: number,
): boolean {
  state.onStep?.();
  if (nesting > MAX_NESTING) return false;
  const { nocase } = state;
  const plen = p.length;
  const slen = s.length;
  while (pi < plen && si < slen) {
    const pc = p[pi] as number;
    const sc = s[si] as number;
    switch (pc) {
      case 42 /* * */: {
        while (pi + 1 < plen && p[pi + 1] === 42) pi++;
        if (pi + 1 === plen) return true;
        for (let k = si; k < slen; k++) {
          if (matchAt(p, pi + 1, s, k, state, nesting + 1)) return true;
          if (state.skipLongerMatches) return false;
        }
        state.skipLongerMatches = true;
        return false;
      }
      case 63 /* ? */:
        si++;
        break;
      case 91 /* [ */: {
        pi++;
        const not = p[pi] === 94; /* ^ */
        if (not) pi++;
        let match = false;
        for (;;) {
          if (p[pi] === 92 /* \ */ && plen - pi >= 2) {
            pi++;
            if (p[pi] === sc) match = true;
          } else if (p[pi] === 93 /* ] */) {
            break;
          } else if (pi >= plen) {
            pi--;
            break;
          } else if (plen - pi >= 3 && p[pi + 1] === 45 /* - */) {
            let start = signed(p[pi] as number);
            let end = signed(p[pi + 2] as number);
            let c = signed(sc);
            if (start > end) [start, end] = [end, start];
            if (nocase) {
              start = lower(start);
              end = lower(end);
              c = lower(c);
            }
            pi += 2;
            if (c >= start && c <= end) match = true;
          } else if (nocase ? lower(p[pi] as number) === lower(sc) : p[pi] === sc) {
            match = true;
          }
          pi++;
        }
        if (not) match = !match;
        if (!match) return false;
        si++;
        break;
      }
      default: {
        if (pc === 92 /* \ */ && plen - pi >= 2) pi++;
        const lit = p[pi] as number;
        if (nocase ? lower(lit) !== lower(sc) : lit !== sc) return false;
        si++;
        break;
      }
    }
    pi++;
    if (si === slen) {
      while (pi < plen && p[pi] === 42) pi++;
      break;
    }
  }
  return pi === plen && si === slen;
}

/** `onStep` is called once per attempt at a sub-match (tests bound the work with it). */
export function globMatch(
  pattern: Uint8Array,
  subject: Uint8Array,
  nocase = false,
  onStep?: () => void,
): boolean {
  return matchAt(pattern, 0, subject, 0, { skipLongerMatches: false, nocase, onStep }, 0);
}
