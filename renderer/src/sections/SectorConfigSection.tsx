import { Alert, Card, Group, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconArrowsLeftRight, IconHistory, IconShare } from '@tabler/icons-react';
import { useState } from 'react';
import { Prerequisite } from '../components/Prerequisite';
import { SectionHeader } from '../components/SectionHeader';
import { sectorOptions, useSectors } from '../state/sectors';
import { CompareView } from './sector-config/CompareView';
import { HistoryView } from './sector-config/HistoryView';
import { ResetDemo } from './sector-config/ResetDemo';
import { SectorView } from './sector-config/SectorView';
import { ShareView } from './sector-config/ShareView';
import { useSectorDetails } from './sector-config/use-sector-details';

type Tab = 'sector' | 'compare' | 'history' | 'share';

function PickFirst() {
  return (
    <Text c="dimmed" ta="center" py="xl">
      Pick a sector to see its configuration.
    </Text>
  );
}

function SelectedSector({ id, version, onChanged }: { id: string; version: number; onChanged: () => void }) {
  const { details, error } = useSectorDetails(id, version);
  if (error !== null) {
    return (
      <Alert color="red" variant="light" title="The configuration could not be read">
        {error}
      </Alert>
    );
  }
  if (details === null) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        Loading configuration…
      </Text>
    );
  }
  return <SectorView details={details} onChanged={onChanged} />;
}

function SectorConfigBody({ version, onChanged }: { version: number; onChanged: () => void }) {
  const options = sectorOptions(useSectors());
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('sector');
  const needsSector = tab === 'sector' || tab === 'history';
  return (
    <Stack gap="lg">
      <Tabs value={tab} onChange={(next) => next !== null && setTab(next as Tab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sector" leftSection={<IconAdjustmentsHorizontal size={16} />}>
            Sector
          </Tabs.Tab>
          <Tabs.Tab value="compare" leftSection={<IconArrowsLeftRight size={16} />}>
            Compare sectors
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            History
          </Tabs.Tab>
          <Tabs.Tab value="share" leftSection={<IconShare size={16} />}>
            Import / export
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {needsSector && (
        <Card withBorder padding="lg">
          <Select
            label="Select a Sector"
            description={
              tab === 'history'
                ? 'Every change set of its weights and calibrations: when, by whom and why.'
                : 'Its calibrations and dimension weights are read from the database.'
            }
            placeholder="Choose a sector"
            data={options}
            value={selected}
            onChange={setSelected}
            allowDeselect={false}
            maw={420}
          />
        </Card>
      )}
      {tab === 'sector' &&
        (selected === null ? (
          <PickFirst />
        ) : (
          <SelectedSector id={selected} version={version} onChanged={onChanged} />
        ))}
      {tab === 'compare' && <CompareView version={version} onChanged={onChanged} />}
      {tab === 'history' &&
        (selected === null ? (
          <PickFirst />
        ) : (
          // A new sector starts with no filter and no moment of its own.
          <HistoryView key={selected} sectorId={selected} version={version} onChanged={onChanged} />
        ))}
      {tab === 'share' && <ShareView options={options} onChanged={onChanged} />}
    </Stack>
  );
}

export function SectorConfigSection() {
  // Bumped after every change (a save, a revert, an import, a demo reset): every view reads again.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <SectionHeader icon={IconAdjustmentsHorizontal} title="Sector Configuration">
          One schema, many configurations: every sector is the same rows with different values. Edit a
          sector&apos;s weights and calibrations with a reason for each change, compare all seven side by
          side, go back in their history, and share them as files.
        </SectionHeader>
        <ResetDemo onReset={changed} />
      </Group>
      <Prerequisite requires="weights">
        <SectorConfigBody version={version} onChanged={changed} />
      </Prerequisite>
    </Stack>
  );
}
