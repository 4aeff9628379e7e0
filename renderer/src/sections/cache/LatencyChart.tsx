import { Group, Text } from '@mantine/core';
import { Bar } from 'react-chartjs-2';
import type { FetchConfigResult } from '../../../../shared/domain';
import '../../charts';
import { formatMs } from '../../format';

export type FetchSample = Pick<FetchConfigResult, 'source' | 'duration_ms'> & { sector: string };

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const upper = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const lower = sorted[Math.ceil(sorted.length / 2) - 1] ?? 0;
  return (upper + lower) / 2;
}

const colors = { cache: 'rgba(18, 184, 134, 0.8)', database: 'rgba(253, 126, 20, 0.8)' };

/** Every fetch of this session as a bar, on a log scale because a hit is orders of magnitude faster. */
export function LatencyChart({ samples }: { samples: FetchSample[] }) {
  const hit = median(samples.filter((s) => s.source === 'cache').map((s) => s.duration_ms));
  const miss = median(samples.filter((s) => s.source === 'database').map((s) => s.duration_ms));
  if (samples.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="xl">
        Fetch a sector a few times to compare hit and miss latency.
      </Text>
    );
  }
  return (
    <>
      <Group gap="lg" mb="xs">
        <Text size="sm">
          Median hit <b>{hit === null ? '—' : formatMs(hit)}</b>
        </Text>
        <Text size="sm">
          Median miss <b>{miss === null ? '—' : formatMs(miss)}</b>
        </Text>
        {hit !== null && miss !== null && hit > 0 && miss / hit >= 1.5 && (
          <Text size="sm" c="var(--mantine-color-teal-light-color)" fw={600}>
            a hit is {(miss / hit).toFixed(miss / hit < 10 ? 1 : 0)}× faster
          </Text>
        )}
      </Group>
      <div style={{ position: 'relative', height: 220 }}>
        <Bar
          role="img"
          aria-label="Fetch latency, cache hits versus database loads"
          data={{
            labels: samples.map((s, i) => `#${i + 1}`),
            datasets: [
              {
                label: 'Latency (ms)',
                data: samples.map((s) => Math.max(s.duration_ms, 0.001)),
                backgroundColor: samples.map((s) => colors[s.source]),
                borderRadius: 4,
                maxBarThickness: 32,
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
                  title: (items) => {
                    const sample = samples[items[0]?.dataIndex ?? 0];
                    return sample === undefined
                      ? ''
                      : `${sample.sector} · ${sample.source === 'cache' ? 'HIT' : 'MISS'}`;
                  },
                  label: (item) => formatMs(Number(item.raw)),
                },
              },
            },
            scales: {
              y: { type: 'logarithmic', title: { display: true, text: 'ms (log scale)' } },
              x: { grid: { display: false } },
            },
          }}
        />
      </div>
      <Group gap="md" mt="xs">
        <Text size="xs" c="var(--mantine-color-teal-light-color)">
          ■ cache hit
        </Text>
        <Text size="xs" c="var(--mantine-color-orange-light-color)">
          ■ miss (loaded from SQLite)
        </Text>
      </Group>
    </>
  );
}
