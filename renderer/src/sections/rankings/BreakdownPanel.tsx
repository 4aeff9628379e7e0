import { Alert, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Bar } from 'react-chartjs-2';
import type { ScoreBreakdown } from '../../../../shared/scoring';
import { useChartColors } from '../sector-config/chart-theme';
import { BreakdownSteps } from './BreakdownSteps';
import { scoreText } from './score-text';
import { useBreakdown } from './use-breakdown';

/** Each dimension's contribution w·s / Σw to the weighted mean: the bars add up to D. */
export function ContributionChart({ breakdown }: { breakdown: ScoreBreakdown }) {
  const colors = useChartColors();
  return (
    <Bar
      aria-label={`Dimension contributions of ${breakdown.legal_name}`}
      role="img"
      data={{
        labels: breakdown.dimensions.map((d) => d.dimension_name),
        datasets: [
          {
            label: 'Contribution to D',
            data: breakdown.dimensions.map((d) => d.contribution),
            backgroundColor: colors.series,
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
          tooltip: {
            callbacks: {
              label: (item) => {
                const d = breakdown.dimensions[item.dataIndex];
                return d
                  ? `score ${scoreText(d.score)} × weight ${d.weight} → ${scoreText(d.contribution)}`
                  : '';
              },
            },
          },
        },
        scales: {
          x: { beginAtZero: true, ticks: { color: colors.text }, grid: { color: colors.grid } },
          y: { ticks: { color: colors.text }, grid: { display: false } },
        },
      }}
    />
  );
}

export function BreakdownPanel(props: {
  organizationId: string | null;
  asOf: string | null;
  version: number;
}) {
  const { breakdown, error } = useBreakdown(props.organizationId, props.asOf, props.version);
  if (props.organizationId === null) {
    return (
      <Text c="dimmed" size="sm">
        Pick an organization in the ranking to see how its score is made.
      </Text>
    );
  }
  if (error !== null)
    return (
      <Alert color="red" variant="light">
        {error}
      </Alert>
    );
  if (breakdown === null) return <Text c="dimmed">Loading the breakdown…</Text>;
  return (
    <Card withBorder padding="lg" aria-label="Breakdown">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h4">
            {breakdown.legal_name}
          </Title>
          <Text>
            Org-AI-R <b>{scoreText(breakdown.org_air)}</b> · rank {breakdown.rank} of {breakdown.sector_count}{' '}
            in {breakdown.group_name} · assessed {breakdown.assessed_on}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <div style={{ height: 260 }}>
            <ContributionChart breakdown={breakdown} />
          </div>
          <BreakdownSteps breakdown={breakdown} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
