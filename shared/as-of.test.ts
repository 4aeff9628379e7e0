import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { futureProblem, parseAsOf } from './as-of';

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const moments = fc.date({
  min: new Date('0002-01-01T00:00:00.000Z'),
  max: new Date('9998-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});

/** `date`'s instant written as the wall-clock time of a zone `offset` minutes east of UTC. */
function written(date: Date, offset: number, seconds: boolean): string {
  const local = new Date(date.getTime() + offset * 60_000);
  const zone =
    offset === 0
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const rest = seconds ? `:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}` : '';
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${time}${rest}${zone}`;
}

describe('as of a date or a moment', () => {
  it('reads any moment written with any offset as the same UTC instant (fast-check)', () => {
    fc.assert(
      fc.property(
        moments,
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        fc.boolean(),
        (date, offset, seconds) => {
          const parsed = parseAsOf(written(date, offset, seconds));
          const expected = new Date(seconds ? date.getTime() : Math.floor(date.getTime() / 60_000) * 60_000);
          expect(parsed).toEqual({
            ok: true,
            label: expected.toISOString(),
            at: expected.toISOString(),
            date: null,
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a calendar day as the end of that UTC day, and refuses any other day (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
          const real = new Date(0);
          real.setUTCFullYear(y, m - 1, d);
          const exists = real.getUTCDate() === d;
          expect(parseAsOf(text)).toEqual(
            exists
              ? { ok: true, label: text, at: `${text}T23:59:59.999Z`, date: text }
              : { ok: false, error: `${text} is not a day of the calendar` },
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws, and anything it accepts is an instant of the years 0001 to 9999 (fast-check)', () => {
    const near = fc.stringMatching(
      /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/,
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), near), (text) => {
        const parsed = parseAsOf(text);
        if (parsed.ok) {
          expect(parsed.at).toMatch(instant);
          expect(parsed.at >= '0001-01-01T00:00:00.000Z' && parsed.at <= '9999-12-31T23:59:59.999Z').toBe(
            true,
          );
        } else {
          expect(parsed.error.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('says in one sentence why it refuses what analysts type', () => {
    const refusal = (text: string) => {
      const parsed = parseAsOf(text);
      return parsed.ok ? null : parsed.error;
    };
    expect(refusal('02/30/2025')).toBe(
      'write a date YYYY-MM-DD, or a moment YYYY-MM-DDTHH:MM[:SS] with Z or an offset such as +01:00',
    );
    expect(refusal('2025-02-30')).toBe('2025-02-30 is not a day of the calendar');
    expect(refusal('0000-06-01')).toBe('must be a day of the years 0001 to 9999');
    expect(refusal('2026-12-04T15:30')).toBe(
      'say which time zone the time is in: end it with Z (UTC) or an offset such as +01:00',
    );
    expect(refusal('2026-12-04T24:00Z')).toBe('24:00 is not a time of day');
    expect(refusal('2026-12-04T15:30+25:00')).toBe('+25:00 is not a time zone offset');
    expect(refusal('9999-12-31T23:30-01:00')).toBe('must be a moment of the years 0001 to 9999');
    expect(parseAsOf(' 2026-12-04T16:30:00+01:00 ')).toMatchObject({
      ok: true,
      at: '2026-12-04T15:30:00.000Z',
    });
  });

  it('refuses the future: a date after today (UTC), a moment after now', () => {
    const now = '2026-12-04T15:30:00.000Z';
    const problem = (text: string) => {
      const parsed = parseAsOf(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return futureProblem(parsed, now);
    };
    expect(problem('2026-12-04')).toBeNull();
    expect(problem('2026-12-04T15:30:00Z')).toBeNull();
    expect(problem('2026-12-04T15:30:00.001Z')).toBe(
      '2026-12-04T15:30:00.001Z is in the future: only what was in force up to now is known',
    );
    expect(problem('2026-12-05')).toBe(
      '2026-12-05 is in the future: only what was in force up to now is known',
    );
  });
});
