import { Grid, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { filterHistory } from '../../../../shared/change-sets';
import type { ConfigHistory, HistoryFilter } from '../../../../shared/domain';
import { call } from '../../api/bridge';
import { TitledCard } from '../../components/TitledCard';
import { AsOfPanel } from './AsOfPanel';
import { ChangeSetList } from './ChangeSetList';
import { HistoryChart } from './HistoryChart';
import { HistoryFilters } from './HistoryFilters';
import { calibrationText } from './labels';
import { useSectorDetails } from './use-sector-details';
import type { WeightsPreset } from './weights-form';
import { WeightsForm } from './WeightsForm';

const today = () => new Date().toISOString().slice(0, 10);

function useHistory(sectorId: string, version: number): ConfigHistory | null {
  const [history, setHistory] = useState<ConfigHistory | null>(null);
  useEffect(() => {
    let current = true;
    void call('config:history', { focus_group_id: sectorId }).then((next) => {
      if (current && next !== null) setHistory(next);
    });
    return () => {
      current = false;
    };
  }, [sectorId, version]);
  return history?.focus_group_id === sectorId ? history : null;
}

function Timeline({ history, asOf }: { history: ConfigHistory; asOf: string | null }) {
  const [series, setSeries] = useState('weights');
  const calibrations = [
    ...new Set(history.versions.filter((v) => v.kind === 'calibration').map((v) => v.key)),
  ];
  return (
    <TitledCard title="Over time" fill>
      <Select
        label="Show"
        size="xs"
        mb="sm"
        maw={280}
        value={series}
        onChange={(next) => next !== null && setSeries(next)}
        allowDeselect={false}
        data={[
          { value: 'weights', label: 'All dimension weights' },
          ...calibrations.map((name) => ({ value: name, label: calibrationText(name) })),
        ]}
      />
      <div style={{ position: 'relative', height: 400 }}>
        <HistoryChart
          history={history}
          kind={series === 'weights' ? 'weight' : 'calibration'}
          calibration={series === 'weights' ? null : series}
          today={today()}
          asOf={asOf?.slice(0, 10) ?? today()}
        />
      </div>
    </TitledCard>
  );
}

interface Props {
  sectorId: string;
  version: number;
  onChanged: () => void;
}

/** A sector's change sets: a timeline, the configuration as of a moment, filters, reverts, CSV. */
export function HistoryView({ sectorId, version, onChanged }: Props) {
  const history = useHistory(sectorId, version);
  const now = useSectorDetails(sectorId, version);
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [asOf, setAsOf] = useState<string | null>(null);
  const [rebalancing, setRebalancing] = useState<WeightsPreset | null>(null);
  if (history === null) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        Loading the history…
      </Text>
    );
  }
  const shown = filterHistory(history, filter);
  const edits = history.change_sets.filter((set) => set.kind !== 'seed' && set.kind !== 'migrated').length;
  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Timeline history={history} asOf={asOf} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TitledCard title="As of a moment" fill>
            <AsOfPanel
              sectorId={sectorId}
              version={version}
              firstChange={history.change_sets[0]?.made_at ?? null}
              onRead={setAsOf}
            />
          </TitledCard>
        </Grid.Col>
      </Grid>
      <TitledCard title="Change sets">
        <Text size="sm" c="dimmed" mb="sm">
          Newest first. Each save is a change set: when it was made (your time), by whom, why, and every value
          it changed.{' '}
          {edits === 0
            ? 'None since the reference configuration.'
            : `${edits} since the reference configuration.`}{' '}
          A revert adds a change set; nothing is ever deleted or rewritten.
        </Text>
        <HistoryFilters history={history} filter={filter} onFilter={setFilter} />
        <ChangeSetList shown={shown} history={history} onChanged={onChanged} onRebalance={setRebalancing} />
      </TitledCard>
      <WeightsForm
        opened={rebalancing !== null}
        sector={history.group_name}
        sectorId={sectorId}
        weights={now.details?.weights ?? null}
        focus={Object.keys(rebalancing?.typed ?? {})[0] ?? null}
        preset={rebalancing ?? undefined}
        onClose={() => setRebalancing(null)}
        onSaved={onChanged}
        onReload={onChanged}
      />
    </Stack>
  );
}
