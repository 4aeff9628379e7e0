import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { metrics, targets, type BenchResults, type Metric } from './report';

/** One line of bench/history.jsonl: a run's figures, without the detail of results.json. */
export interface HistoryEntry {
  date: string;
  orgs: number;
  quick: boolean;
  commit: string | null;
  /** 1-minute load average at the start and the end of the run (absent in runs before it was kept). */
  load_avg?: [number, number];
  values: Partial<Record<string, number | null>>;
}

export function historyEntry(results: BenchResults, commit: string | null): HistoryEntry {
  return {
    date: results.date,
    orgs: results.orgs,
    quick: results.quick,
    commit,
    load_avg: results.machine.load_avg,
    values: Object.fromEntries(metrics.map((m) => [m, results[m]])),
  };
}

/** Appends the run to the history file and returns every run in it, oldest first. */
export function appendHistory(file: string, entry: HistoryEntry): HistoryEntry[] {
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
  return readHistory(file);
}

export function readHistory(file: string): HistoryEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HistoryEntry);
}

const PANEL = { width: 300, height: 150, left: 52, right: 14, top: 30, bottom: 26 };
const COLUMNS = 3;

const format = (value: number) =>
  Math.abs(value) >= 1000 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

/**
 * Small multiples in plain SVG: one panel per figure, its value in each run (left to right, oldest
 * first), the target as a dashed line. A regression shows as a point on the wrong side of the line.
 */
export function historyChart(entries: HistoryEntry[]): string {
  const shown = metrics.filter((m) => entries.some((e) => typeof e.values[m] === 'number'));
  const rows = Math.ceil(shown.length / COLUMNS);
  const width = PANEL.width * COLUMNS;
  const height = PANEL.height * rows + 30;
  const plotW = PANEL.width - PANEL.left - PANEL.right;
  const plotH = PANEL.height - PANEL.top - PANEL.bottom;
  const x = (i: number) =>
    PANEL.left + (entries.length === 1 ? plotW / 2 : (plotW * i) / (entries.length - 1));

  const panel = (metric: Metric, index: number): string => {
    const ox = (index % COLUMNS) * PANEL.width;
    const oy = 30 + Math.floor(index / COLUMNS) * PANEL.height;
    const points = entries.flatMap((e, i) => {
      const v = e.values[metric];
      return typeof v === 'number' ? [{ i, v, quick: e.quick }] : [];
    });
    const target = targets[metric];
    const values = [...points.map((p) => p.v), ...(target ? [target.value] : [])];
    let lo = Math.min(...values, 0);
    let hi = Math.max(...values);
    if (hi === lo) hi = lo + 1;
    const pad = (hi - lo) * 0.08;
    lo = lo === 0 ? 0 : lo - pad;
    hi += pad;
    const y = (v: number) => PANEL.top + plotH - ((v - lo) / (hi - lo)) * plotH;
    const last = points[points.length - 1];
    const title = `${metric}${target ? ` (${target.op === '>=' ? '≥' : '≤'} ${target.value})` : ''}`;
    return [
      `<g transform="translate(${ox},${oy})">`,
      `<text x="${PANEL.left}" y="16" class="title">${title}</text>`,
      last ? `<text x="${PANEL.width - PANEL.right}" y="16" class="value">${format(last.v)}</text>` : '',
      `<rect x="${PANEL.left}" y="${PANEL.top}" width="${plotW}" height="${plotH}" class="frame"/>`,
      `<text x="${PANEL.left - 4}" y="${PANEL.top + 4}" class="axis">${format(hi)}</text>`,
      `<text x="${PANEL.left - 4}" y="${PANEL.top + plotH}" class="axis">${format(lo)}</text>`,
      target
        ? `<line x1="${PANEL.left}" x2="${PANEL.left + plotW}" y1="${y(target.value)}" y2="${y(target.value)}" class="target"/>`
        : '',
      points.length > 1
        ? `<polyline points="${points.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}" class="line"/>`
        : '',
      ...points.map(
        (p) =>
          `<circle cx="${x(p.i).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="3" class="${p.quick ? 'quick' : 'point'}"><title>${entries[p.i]?.date ?? ''}: ${format(p.v)}${entries[p.i]?.load_avg ? ` (load ${entries[p.i]?.load_avg?.join(' to ')})` : ''}</title></circle>`,
      ),
      `<text x="${PANEL.left}" y="${PANEL.height - 8}" class="axis-x">run 1</text>`,
      `<text x="${PANEL.left + plotW}" y="${PANEL.height - 8}" class="axis-x end">run ${entries.length}</text>`,
      '</g>',
    ].join('');
  };

  const first = entries[0]?.date.slice(0, 10) ?? '';
  const lastDate = entries[entries.length - 1]?.date.slice(0, 10) ?? '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    '<style>',
    '.title{font-size:12px;font-weight:bold;fill:#222}.value{font-size:12px;fill:#222;text-anchor:end}',
    '.axis{font-size:10px;fill:#555;text-anchor:end}.axis-x{font-size:10px;fill:#555}.end{text-anchor:end}',
    '.frame{fill:none;stroke:#bbb}.target{stroke:#c92a2a;stroke-dasharray:4 3}',
    '.line{fill:none;stroke:#1c5fb8;stroke-width:1.5}.point{fill:#1c5fb8}.quick{fill:#fff;stroke:#1c5fb8}',
    '</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" class="title">npm run bench: ${entries.length} runs, ${first} to ${lastDate} (dashed: target; hollow: --quick)</text>`,
    ...shown.map(panel),
    '</svg>',
    '',
  ].join('\n');
}

export function writeHistoryChart(file: string, entries: HistoryEntry[]): void {
  writeFileSync(file, historyChart(entries));
}
