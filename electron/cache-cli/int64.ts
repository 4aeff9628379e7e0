/** 64-bit signed integer helpers with Redis's strict parsing rules (util.c string2ll). */

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/**
 * Parses like Redis string2ll: optional '-', no '+', no spaces, no leading zeros, no "-0",
 * within int64. Returns null when Redis would reply "value is not an integer or out of range".
 */
export function parseInt64(s: string): bigint | null {
  const len = s.length;
  if (len === 0 || len > 20) return null;
  if (len === 1 && s === '0') return 0n;
  let i = 0;
  if (s.charCodeAt(0) === 45 /* - */) {
    if (len === 1) return null;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return null;
  for (let j = i + 1; j < len; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const v = BigInt(s);
  return v > INT64_MAX || v < INT64_MIN ? null : v;
}
