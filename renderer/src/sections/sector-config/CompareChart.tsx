import { Bar } from 'react-chartjs-2';
import type { Dimension, SectorConfigJson } from '../../../../shared/domain';
import { formatWeight } from '../../../../shared/sector-config';
import { useChartColors } from './chart-theme';

/** Grouped bars: for each dimension, one bar per sector. */
export function CompareChart({
  configs,
  dimensions,
}: {
  configs: SectorConfigJson[];
  dimensions: Dimension[];
}) {
  const colors = useChartColors();
  const ordered = [...dimensions].sort((a, b) => a.display_order - b.display_order);
  return (
    <Bar
      role="img"
      aria-label="Dimension weights of every sector, grouped by dimension"
      data={{
        labels: ordered.map((d) => d.dimension_name),
        datasets: configs.map((config, i) => ({
          label: config.group_name,
          data: ordered.map((d) => config.dimension_weights[d.dimension_code] ?? 0),
          backgroundColor: colors.series[i % colors.series.length],
          borderRadius: 3,
          maxBarThickness: 14,
        })),
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 300 },
        plugins: {
          legend: { position: 'bottom', labels: { color: colors.text, boxWidth: 12, boxHeight: 12 } },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${formatWeight(Number(item.raw))}` },
          },
        },
        scales: {
          x: { ticks: { color: colors.text }, grid: { display: false } },
          y: {
            beginAtZero: true,
            ticks: { color: colors.text, callback: (value) => Number(value).toFixed(2) },
            grid: { color: colors.grid },
            title: { display: true, text: 'weight', color: colors.text },
          },
        },
      }}
    />
  );
}
