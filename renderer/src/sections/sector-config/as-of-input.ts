import { futureProblem, parseAsOf } from '../../../../shared/as-of';
import { localOffset } from '../../format';

/** What the analyst typed into "as of": a day (YYYY-MM-DD) and, optionally, a local time (HH:MM). */
export interface AsOfDraft {
  date: string;
  time: string;
}

/** The moment to read at (null: now), or the field that is refused and why, in one sentence. */
export type AsOfReading =
  { ok: true; asOf: string | null } | { ok: false; field: 'date' | 'time'; error: string };

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^\d{2}:\d{2}(:\d{2})?$/;

/**
 * Reads the two fields, never falling back silently: a day written another way, a day the calendar
 * does not have, a time that is not one, a moment after now or before the sector's first version
 * (`firstChange`, an ISO instant) are each refused beside their field. A day alone means its end
 * (UTC, as effective dates are written); with a time, the time is this computer's local time.
 */
export function readAsOf(draft: AsOfDraft, firstChange: string | null, now: Date): AsOfReading {
  const date = draft.date.trim();
  const time = draft.time.trim();
  if (date === '') {
    return time === ''
      ? { ok: true, asOf: null }
      : { ok: false, field: 'date', error: 'Give the day of that time' };
  }
  if (!dayPattern.test(date))
    return { ok: false, field: 'date', error: 'Write the day as YYYY-MM-DD, e.g. 2024-12-31' };
  const day = parseAsOf(date);
  if (!day.ok) return { ok: false, field: 'date', error: day.error };
  if (time !== '' && !timePattern.test(time)) {
    return { ok: false, field: 'time', error: 'Write the time as HH:MM (24-hour clock), e.g. 15:30' };
  }
  // The offset of that wall-clock time here, summer or winter.
  const local = new Date(`${date}T${time === '' ? '00:00' : time}`);
  if (Number.isNaN(local.getTime()))
    return { ok: false, field: 'time', error: `${time} is not a time of day` };
  const text = time === '' ? date : `${date}T${time}${localOffset(local)}`;
  const parsed = parseAsOf(text);
  const field = time === '' ? 'date' : 'time';
  if (!parsed.ok) return { ok: false, field, error: parsed.error };
  const future = futureProblem(parsed, now.toISOString());
  if (future !== null)
    return { ok: false, field, error: `${time === '' ? date : `${date} ${time}`} is in the future` };
  if (firstChange !== null && parsed.at < firstChange) {
    return {
      ok: false,
      field,
      error: `Before the first version (${firstChange.slice(0, 10)}): nothing was in force yet`,
    };
  }
  return { ok: true, asOf: text };
}
