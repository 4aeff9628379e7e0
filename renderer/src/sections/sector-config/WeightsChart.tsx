import { Bar } from 'react-chartjs-2';
import '../../charts';
import type { WeightRow } from './weight-rows';

export function WeightsChart({ rows, sector }: { rows: WeightRow[]; sector: string }) {
  return (
    <Bar
      aria-label={`Dimension weights for ${sector}`}
      role="img"
      data={{
        labels: rows.map((row) => row.name),
        datasets: [
          {
            label: 'Weight',
            data: rows.map((row) => row.weight),
            backgroundColor: 'rgba(76, 110, 245, 0.75)',
            hoverBackgroundColor: 'rgba(59, 91, 219, 0.95)',
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
          tooltip: { callbacks: { label: (item) => `Weight ${Number(item.raw).toFixed(3)}` } },
        },
        scales: {
          x: {
            beginAtZero: true,
            suggestedMax: 0.3,
            ticks: { callback: (value) => Number(value).toFixed(2) },
          },
          y: { grid: { display: false } },
        },
      }}
    />
  );
}
