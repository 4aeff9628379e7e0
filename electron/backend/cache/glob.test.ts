import { describe, expect, it } from 'vitest';
import { globMatch } from './glob';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Matches with a step budget: a runaway matcher throws instead of running for minutes. */
function boundedMatch(pattern: string, subject: string, budget: number) {
  let steps = 0;
  const matched = globMatch(bytes(pattern), bytes(subject), false, () => {
    steps++;
    if (steps > budget) throw new Error(`matcher still running after ${budget} steps`);
  });
  return { matched, steps };
}

/** Every string over `alphabet` up to `length` characters, the empty one included. */
function allStrings(alphabet: string, length: number): string[] {
  let level = [''];
  const out = [''];
  for (let n = 1; n <= length; n++) {
    level = level.flatMap((prefix) => [...alphabet].map((c) => prefix + c));
    out.push(...level);
  }
  return out;
}

/** The textbook meaning of `*` and `?` (a regular expression), to check the shortcuts against. */
function reference(pattern: string): RegExp {
  const source = [...pattern].map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c)).join('');
  return new RegExp(`^${source}$`);
}

describe('Redis glob matcher', () => {
  it('answers a pattern with many stars against a long key in few steps, as redis-server does', () => {
    // redis-server 7.0.15 replies with an empty array in under a millisecond; a plain
    // backtracking matcher tries on the order of C(60, 12) splits.
    const { matched, steps } = boundedMatch(`${'*a'.repeat(12)}*b`, 'a'.repeat(60), 10_000);
    expect(matched).toBe(false);
    expect(steps).toBeLessThan(1_000);
  });

  it('still finds the matches such patterns have', () => {
    expect(boundedMatch(`${'*a'.repeat(12)}*`, 'a'.repeat(60), 10_000).matched).toBe(true);
    expect(boundedMatch(`${'*a'.repeat(12)}*b`, `${'a'.repeat(59)}b`, 10_000).matched).toBe(true);
    expect(boundedMatch(`${'*a'.repeat(12)}*b`, `b${'a'.repeat(59)}`, 10_000).matched).toBe(false);
  });

  it('gives up beyond 1000 nested stars, as redis-server does', () => {
    const subject = 'a'.repeat(1100);
    expect(boundedMatch('*a'.repeat(1000), subject, 100_000).matched).toBe(true);
    expect(boundedMatch('*a'.repeat(1001), subject, 100_000).matched).toBe(false);
  });

  it('agrees with the textbook meaning of * and ? on every short pattern and non-empty key', () => {
    const subjects = allStrings('ab', 6).filter((subject) => subject !== '');
    for (const pattern of allStrings('ab*?', 5)) {
      const expected = reference(pattern);
      const encoded = bytes(pattern);
      const wrong = subjects.filter(
        (subject) => globMatch(encoded, bytes(subject)) !== expected.test(subject),
      );
      expect(wrong, pattern).toEqual([]);
    }
  });

  it('matches the empty key only with the empty pattern, as redis-server does', () => {
    // Redis's loop stops at the end of the subject, before a trailing star is consumed (KEYS *
    // still lists "" because KEYS skips matching for a lone star).
    const matching = allStrings('ab*?', 3).filter((pattern) => globMatch(bytes(pattern), bytes('')));
    expect(matching).toEqual(['']);
  });
});
