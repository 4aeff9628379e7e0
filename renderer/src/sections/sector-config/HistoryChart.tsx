import { Line } from 'react-chartjs-2';
import type { ConfigHistory, ConfigItemKind } from '../../../../shared/domain';
import { formatCalibration, formatWeight } from '../../../../shared/sector-config';
import { useChartColors } from './chart-theme';
import { dayNumber, dayText, timelineSeries } from './history';
import { calibrationText } from './labels';

interface Props {
  history: ConfigHistory;
  kind: ConfigItemKind;
  /** One calibration, or every weight when kind is 'weight'. */
  calibration: string | null;
  today: string;
  asOf: string;
}

/** Each item's value over time as a stepped line; the dashed line marks the "as of" day. */
export function HistoryChart({ history, kind, calibration, today, asOf }: Props) {
  const colors = useChartColors();
  const series = timelineSeries(
    history.versions,
    kind,
    today,
    kind === 'calibration' ? (calibration ?? '') : undefined,
  );
  const format = kind === 'weight' ? formatWeight : formatCalibration;
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const marker = dayNumber(asOf);
  return (
    <Line
      role="img"
      aria-label={`${kind === 'weight' ? 'Weights' : calibrationText(calibration ?? '')} of ${history.group_name} over time`}
      data={{
        datasets: [
          ...series.map((s, i) => ({
            label: kind === 'weight' ? s.label : calibrationText(s.key),
            data: s.points,
            stepped: 'before' as const,
            borderColor: colors.series[i % colors.series.length],
            backgroundColor: colors.series[i % colors.series.length],
            borderWidth: 2,
            pointRadius: 3,
          })),
          {
            label: `as of ${asOf}`,
            data: [
              { x: marker, y: Math.min(...ys, 0) },
              { x: marker, y: Math.max(...ys, 0) },
            ],
            borderColor: colors.text,
            borderDash: [4, 4],
            borderWidth: 1,
            pointRadius: 0,
          },
        ],
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 300 },
        parsing: false,
        plugins: {
          legend: { position: 'bottom', labels: { color: colors.text, boxWidth: 12, boxHeight: 2 } },
          tooltip: {
            callbacks: {
              title: (items) => dayText(Number(items[0]?.parsed.x ?? 0)),
              label: (item) => `${item.dataset.label ?? ''}: ${format(Number(item.parsed.y))}`,
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            ticks: { color: colors.text, callback: (value) => dayText(Number(value)), maxTicksLimit: 8 },
            grid: { color: colors.grid },
          },
          y: {
            beginAtZero: kind === 'weight',
            ticks: { color: colors.text, callback: (value) => format(Number(value)) },
            grid: { color: colors.grid },
          },
        },
      }}
    />
  );
}
