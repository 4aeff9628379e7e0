import { Bar, Scatter } from 'react-chartjs-2';
import type { RankedOrganization, SectorRanking } from '../../../../shared/scoring';
import { useChartColors } from '../sector-config/chart-theme';
import { scoreText } from './score-text';

const axis = (colors: ReturnType<typeof useChartColors>, title: string, max?: number) => ({
  beginAtZero: true,
  ...(max === undefined ? {} : { max }),
  title: { display: true, text: title, color: colors.text },
  ticks: { color: colors.text },
  grid: { color: colors.grid },
});

/** The best organizations' Org-AI-R as horizontal bars, best on top. */
export function TopChart({ rows, sector }: { rows: RankedOrganization[]; sector: string }) {
  const colors = useChartColors();
  return (
    <Bar
      aria-label={`Org-AI-R of the best organizations of ${sector}`}
      role="img"
      data={{
        labels: rows.map((r) => `${r.rank}. ${r.legal_name}`),
        datasets: [
          {
            label: 'Org-AI-R',
            data: rows.map((r) => r.org_air),
            backgroundColor: colors.primary,
            borderRadius: 4,
          },
        ],
      }}
      options={{
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 200 },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => `Org-AI-R ${scoreText(Number(item.raw))}` } },
        },
        scales: {
          x: axis(colors, 'Org-AI-R', 100),
          y: { ticks: { color: colors.text }, grid: { display: false } },
        },
      }}
    />
  );
}

/** How Org-AI-R is distributed over the organizations shown, in bins of 5 points. */
export function Histogram({ ranking }: { ranking: SectorRanking }) {
  const colors = useChartColors();
  return (
    <Bar
      aria-label={`Distribution of Org-AI-R in ${ranking.group_name}`}
      role="img"
      data={{
        labels: ranking.histogram.map((_, i) => `${i * 5}–${i * 5 + 5}`),
        datasets: [{ label: 'Organizations', data: ranking.histogram, backgroundColor: colors.series[1] }],
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 200 },
        plugins: { legend: { display: false } },
        scales: {
          x: { ...axis(colors, 'Org-AI-R'), grid: { display: false } },
          y: axis(colors, 'Organizations'),
        },
      }}
    />
  );
}

/** V^R against H^R: readiness against the sector's opportunity. */
export function ReadinessScatter({ ranking }: { ranking: SectorRanking }) {
  const colors = useChartColors();
  return (
    <Scatter
      aria-label={`Vᴿ against Hᴿ in ${ranking.group_name}`}
      role="img"
      data={{
        datasets: [
          {
            label: 'Organizations',
            data: ranking.scatter.map((p) => ({ x: p.vr, y: p.hr, name: p.legal_name })),
            backgroundColor: colors.series[2],
            pointRadius: 3,
          },
        ],
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const point = item.raw as { x: number; y: number; name: string };
                return `${point.name}: Vᴿ ${scoreText(point.x)}, Hᴿ ${scoreText(point.y)}`;
              },
            },
          },
        },
        scales: { x: axis(colors, 'Vᴿ', 100), y: { ...axis(colors, 'Hᴿ'), beginAtZero: false } },
      }}
    />
  );
}
