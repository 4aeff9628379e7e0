import { Stack, Text, Title } from '@mantine/core';
import { ContributionChart } from './BreakdownPanel';
import { BreakdownSteps } from './BreakdownSteps';
import { scoreText } from './score-text';
import { useBreakdown } from './use-breakdown';

/** An organization's Org-AI-R in its row drawer: the result, its rank, and how it is made. */
export function DrawerScore({ organizationId }: { organizationId: string }) {
  const { breakdown, error } = useBreakdown(organizationId, null, 0);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Org-AI-R
      </Title>
      {error !== null && (
        <Text size="sm" c="dimmed">
          {error}
        </Text>
      )}
      {error === null && breakdown === null && (
        <Text size="sm" c="dimmed">
          Computing the score…
        </Text>
      )}
      {breakdown !== null && error === null && (
        <>
          <Text>
            <b>{scoreText(breakdown.org_air)}</b>, rank {breakdown.rank} of {breakdown.sector_count} in{' '}
            {breakdown.group_name} (assessed {breakdown.assessed_on})
          </Text>
          <div style={{ height: 220 }}>
            <ContributionChart breakdown={breakdown} />
          </div>
          <BreakdownSteps breakdown={breakdown} />
        </>
      )}
    </Stack>
  );
}
