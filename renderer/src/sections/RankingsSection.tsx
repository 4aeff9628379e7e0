import {
  Alert,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { useState } from 'react';
import type { SectorRanking } from '../../../shared/scoring';
import { Prerequisite } from '../components/Prerequisite';
import { SectionHeader } from '../components/SectionHeader';
import { sectorOptions, useSectors } from '../state/sectors';
import { BreakdownPanel } from './rankings/BreakdownPanel';
import { Histogram, ReadinessScatter, TopChart } from './rankings/RankingCharts';
import { RankingTable } from './rankings/RankingTable';
import { useRanking } from './rankings/use-ranking';
import { WhatIfPanel } from './rankings/WhatIfPanel';

type StatusFilter = 'all' | 'active' | 'inactive' | 'archived';
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function RankingView(props: {
  ranking: SectorRanking;
  asOf: string | null;
  version: number;
  onSaved: () => void;
}) {
  const { ranking, asOf } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const top = ranking.top.slice(0, 10);
  const bottom = ranking.bottom.filter((row) => !top.some((t) => t.organization_id === row.organization_id));
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {ranking.assessed} organizations assessed, {ranking.unassessed} without an assessment (no score). Mean
        Vᴿ {ranking.sector_mean_vr.toFixed(2)}; Hᴿ baseline {ranking.calibrations.h_r_baseline}; α{' '}
        {ranking.parameters.alpha}, β {ranking.parameters.beta}
        {asOf ? `; configuration in force on ${asOf}` : '; configuration in force today'}.
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder padding="md">
          <Title order={2} size="h5">
            Top 10
          </Title>
          <RankingTable rows={top} selected={selected} onSelect={setSelected} label="Top 10" />
          {bottom.length > 0 && (
            <Title order={2} size="h5" mt="md">
              Bottom 10
            </Title>
          )}
          {bottom.length > 0 && (
            <RankingTable
              rows={bottom.slice(-10)}
              selected={selected}
              onSelect={setSelected}
              label="Bottom 10"
            />
          )}
        </Card>
        <Card withBorder padding="md" style={{ minHeight: 360 }}>
          <TopChart rows={top} sector={ranking.group_name} />
        </Card>
      </SimpleGrid>
      <BreakdownPanel organizationId={selected} asOf={asOf} version={props.version} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder padding="md" style={{ height: 280 }}>
          <Histogram ranking={ranking} />
        </Card>
        <Card withBorder padding="md" style={{ height: 280 }}>
          <ReadinessScatter ranking={ranking} />
        </Card>
      </SimpleGrid>
      {asOf === null && (
        <WhatIfPanel
          key={`${ranking.focus_group_id}:${JSON.stringify(ranking.weights)}`}
          ranking={ranking}
          onSaved={props.onSaved}
        />
      )}
    </Stack>
  );
}

function RankingsBody() {
  const options = sectorOptions(useSectors());
  const [sector, setSector] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [day, setDay] = useState('');
  const [version, setVersion] = useState(0);
  const asOf = dayPattern.test(day) ? day : null;
  const query = sector === null ? null : { sector, status: status === 'all' ? null : status, asOf, version };
  const { ranking, error } = useRanking(query);
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <Group align="flex-end" gap="lg">
          <Select
            label="Select a Sector"
            placeholder="Choose a sector"
            data={options}
            value={sector}
            onChange={setSector}
            allowDeselect={false}
            w={280}
          />
          <SegmentedControl
            aria-label="Status"
            value={status}
            onChange={(v) => setStatus(v as StatusFilter)}
            data={['all', 'active', 'inactive', 'archived']}
          />
          <TextInput
            label="As of"
            description="YYYY-MM-DD; empty for today"
            placeholder="today"
            value={day}
            onChange={(e) => setDay(e.currentTarget.value)}
            w={180}
            error={day !== '' && asOf === null ? 'YYYY-MM-DD' : undefined}
          />
        </Group>
      </Card>
      {sector === null && (
        <Text c="dimmed" ta="center" py="xl">
          Pick a sector to rank its organizations by Org-AI-R.
        </Text>
      )}
      {error !== null && (
        <Alert color="red" variant="light" title="The ranking could not be computed">
          {error}
        </Alert>
      )}
      {ranking && error === null && (
        <RankingView
          ranking={ranking}
          asOf={asOf}
          version={version}
          onSaved={() => setVersion((v) => v + 1)}
        />
      )}
    </Stack>
  );
}

export function RankingsSection() {
  return (
    <Stack gap="lg">
      <SectionHeader icon={IconTrophy} title="Rankings">
        The PE Org-AI-R score of every assessed organization, from its sector&apos;s configuration in force
        (docs/scoring.md): the best and worst, how scores spread, readiness against opportunity, how one score
        is made, and what a change of weights would do to the ranking before it is saved.
      </SectionHeader>
      <Prerequisite requires="weights">
        <RankingsBody />
      </Prerequisite>
    </Stack>
  );
}
