import type { ConfigItemKind, ConfigVersion } from '../../../../shared/domain';

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD date as a day number (days since 1970-01-01, UTC), the timeline's x axis. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface TimelineSeries {
  key: string;
  label: string;
  /** Steps: each version's value from its first day; the last point repeats it up to `until`. */
  points: { x: number; y: number }[];
}

/** One stepped line per item of `kind` (or only `key`), from each version's start to `until`. */
export function timelineSeries(
  versions: ConfigVersion[],
  kind: ConfigItemKind,
  until: string,
  key?: string,
): TimelineSeries[] {
  const end = dayNumber(until);
  const keys = [...new Set(versions.filter((v) => v.kind === kind).map((v) => v.key))].filter(
    (k) => key === undefined || k === key,
  );
  return keys.map((k) => {
    const own = versions
      .filter((v) => v.kind === kind && v.key === k)
      .sort((a, b) => a.effective_from.localeCompare(b.effective_from));
    const points = own.map((v) => ({ x: dayNumber(v.effective_from), y: v.value }));
    const last = own.at(-1);
    if (last !== undefined) {
      const stop = last.effective_to === null ? end : dayNumber(last.effective_to);
      points.push({ x: Math.max(stop, points.at(-1)?.x ?? stop), y: last.value });
    }
    return { key: k, label: own[0]?.label ?? k, points };
  });
}
