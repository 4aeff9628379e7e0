/** Three significant digits for sub-millisecond cache timings, whole milliseconds for bulk work. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString()} ms`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local time to the second: 14:03:21. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Local time to the millisecond, for log lines: 14:03:21.042. */
export function formatTime(epochMs: number): string {
  return `${formatClock(epochMs)}.${pad(new Date(epochMs).getMilliseconds(), 3)}`;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes}m ${String(seconds).padStart(2, '0')}s` : `${seconds}s`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** The zone this computer shows times in, as it names it (CET, GMT+1, UTC). */
function zoneName(date: Date): string {
  const parts = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(date);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** An instant (ISO, UTC) as local ISO date and time with the zone: 2026-12-04 16:30:12 CET. */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${formatClock(date.getTime())} ${zoneName(date)}`.trimEnd();
}

/** This computer's offset from UTC on `date`, as ISO 8601 writes it: +01:00, -05:00, Z. */
export function localOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}
