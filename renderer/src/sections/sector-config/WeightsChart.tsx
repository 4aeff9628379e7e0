import { Bar } from 'react-chartjs-2';
import type { WeightDetail } from '../../../../shared/domain';
import { formatWeight } from '../../../../shared/sector-config';
import { useChartColors } from './chart-theme';

export function WeightsChart({ weights, sector }: { weights: WeightDetail[]; sector: string }) {
  const colors = useChartColors();
  return (
    <Bar
      aria-label={`Dimension weights for ${sector}`}
      role="img"
      data={{
        labels: weights.map((row) => row.dimension_name),
        datasets: [
          {
            label: 'Weight',
            data: weights.map((row) => row.weight),
            backgroundColor: colors.primary,
            borderRadius: 6,
            maxBarThickness: 28,
          },
        ],
      }}
      options={{
        // Horizontal bars keep long dimension names readable, first dimension on top.
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 300 },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => `Weight ${formatWeight(Number(item.raw))}` } },
        },
        scales: {
          x: {
            beginAtZero: true,
            suggestedMax: 0.3,
            ticks: { color: colors.text, callback: (value) => Number(value).toFixed(2) },
            grid: { color: colors.grid },
          },
          y: { ticks: { color: colors.text }, grid: { display: false } },
        },
      }}
    />
  );
}
