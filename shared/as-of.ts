/**
 * "As of" a date or a moment: which configuration was in force then. A date (2026-12-04) means the
 * end of that UTC day, as effective dates are UTC days; a moment is ISO 8601 with its time zone
 * (2026-12-04T15:30:00Z, 2026-12-04T16:30+01:00), since a time without one names no instant.
 * Every refusal is one sentence a form can show beside the field.
 */

/** A moment to read the configuration at, as the backend receives it. */
export interface AsOf {
  /** What the screens and the CLI print: the date as given, or the moment in UTC. */
  label: string;
  /** The instant, UTC to the millisecond (YYYY-MM-DDTHH:MM:SS.sssZ), as change sets record theirs. */
  at: string;
  /** The date when a date was given, else null. */
  date: string | null;
}

export type ParsedAsOf = ({ ok: true } & AsOf) | { ok: false; error: string };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const momentPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?$/;

export const asOfFormats =
  'a date YYYY-MM-DD, or a moment YYYY-MM-DDTHH:MM[:SS] with Z or an offset such as +01:00';

const refuse = (error: string): ParsedAsOf => ({ ok: false, error });

/** Milliseconds since 1970 of a UTC date and time; years below 100 stay themselves (Date.UTC would add 1900). */
function utcMillis(year: number, month: number, day: number, time: [number, number, number, number]): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(...time);
  return date.getTime();
}

/** Why the date is not a day of the years 0001 to 9999, or null when it is one. */
function dateProblem(text: string, year: number, month: number, day: number): string | null {
  if (year === 0) return 'must be a day of the years 0001 to 9999';
  const check = new Date(utcMillis(year, month, day, [0, 0, 0, 0]));
  const real =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return real ? null : `${text} is not a day of the calendar`;
}

/** A moment's text: its UTC instant, or why it names none. */
function parseMoment(text: string, parts: RegExpExecArray): ParsedAsOf {
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = parts;
  const date = `${y}-${mo}-${d}`;
  const dateError = dateProblem(date, Number(y), Number(mo), Number(d));
  if (dateError !== null) return refuse(dateError);
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return refuse(`${h}:${mi}${parts[6] === undefined ? '' : `:${s}`} is not a time of day`);
  }
  if (zone === undefined) {
    return refuse('say which time zone the time is in: end it with Z (UTC) or an offset such as +01:00');
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const [hours, minutes] = zone.slice(1).split(':').map(Number) as [number, number];
    if (hours > 23 || minutes > 59) return refuse(`${zone} is not a time zone offset`);
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  // Beyond the millisecond a change set's time cannot tell moments apart.
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const instant = utcMillis(Number(y), Number(mo), Number(d), [Number(h), Number(mi), Number(s), ms]);
  const utc = new Date(instant - offsetMinutes * 60_000);
  const year = utc.getUTCFullYear();
  if (year < 1 || year > 9999) return refuse('must be a moment of the years 0001 to 9999');
  const at = utc.toISOString();
  return { ok: true, label: at, at, date: null };
}

/** Reads what an analyst typed or a caller sent as `as_of`. */
export function parseAsOf(input: string): ParsedAsOf {
  const text = input.trim();
  const day = datePattern.exec(text);
  if (day) {
    const [, y, mo, d] = day;
    const error = dateProblem(text, Number(y), Number(mo), Number(d));
    return error === null
      ? { ok: true, label: text, at: `${text}T23:59:59.999Z`, date: text }
      : refuse(error);
  }
  const moment = momentPattern.exec(text);
  if (moment) return parseMoment(text, moment);
  return refuse(`write ${asOfFormats}`);
}

/**
 * Why a parsed as-of cannot be answered at `now` (an ISO instant): a date after today's (UTC), or a
 * moment after now. Null when it can.
 */
export function futureProblem(asOf: AsOf, now: string): string | null {
  const future = asOf.date === null ? asOf.at > now : asOf.date > now.slice(0, 10);
  return future ? `${asOf.label} is in the future: only what was in force up to now is known` : null;
}
