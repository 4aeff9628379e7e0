import { Badge, Grid, Group, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ConfigHistory, SectorDetails } from '../../../../shared/domain';
import { formatCalibration, formatWeight } from '../../../../shared/sector-config';
import { call } from '../../api/bridge';
import { TitledCard } from '../../components/TitledCard';
import { changesNewestFirst } from './history';
import { HistoryChart } from './HistoryChart';
import { CalibrationName, calibrationText } from './labels';
import { RevertButton } from './RevertButton';
import { useSectorDetails } from './use-sector-details';

const today = () => new Date().toISOString().slice(0, 10);

/** What was in force on the chosen day, beside today's value. */
function AsOfTable({
  then,
  now,
  error,
}: {
  then: SectorDetails | null;
  now: SectorDetails | null;
  error: string | null;
}) {
  if (error !== null) {
    return (
      <Text size="sm" c="dimmed">
        {error}.
      </Text>
    );
  }
  if (then === null || now === null) {
    return (
      <Text size="sm" c="dimmed">
        Reading…
      </Text>
    );
  }
  const rows = [
    ...then.weights.map((w) => ({
      key: `w:${w.dimension_code}`,
      name: <>{w.dimension_name}</>,
      then: formatWeight(w.weight),
      now: formatWeight(now.weights.find((n) => n.dimension_code === w.dimension_code)?.weight ?? 0),
    })),
    ...then.calibrations.map((c) => {
      const current = now.calibrations.find((n) => n.parameter_name === c.parameter_name);
      return {
        key: `c:${c.parameter_name}`,
        name: <CalibrationName name={c.parameter_name} />,
        then: formatCalibration(c.value),
        now: current === undefined ? '—' : formatCalibration(current.value),
      };
    }),
  ];
  return (
    <Table verticalSpacing={4} fz="sm" aria-label="Configuration in force">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            <VisuallyHidden>Setting</VisuallyHidden>
          </Table.Th>
          <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
            {then.config.as_of ?? 'today'}
          </Table.Th>
          <Table.Th ta="right">today</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Td>{row.name}</Table.Td>
            <Table.Td ta="right" ff="monospace" fw={row.then === row.now ? 400 : 700}>
              {row.then}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" c="dimmed">
              {row.now}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Every version of every weight and calibration, newest first, each but the current one revertible. */
function VersionsTable({
  history,
  sectorId,
  onChanged,
}: {
  history: ConfigHistory;
  sectorId: string;
  onChanged: () => void;
}) {
  const rows = changesNewestFirst(history.versions);
  const currentIds = new Map(
    history.versions.filter((v) => v.is_current).map((v) => [`${v.kind}:${v.key}`, v.version_id]),
  );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={6} highlightOnHover fz="sm" aria-label="Versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">Value</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>Until</Table.Th>
            <Table.Th>Rationale</Table.Th>
            <Table.Th w={90}>
              <VisuallyHidden>Action</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((v) => (
            <Table.Tr key={`${v.kind}:${v.version_id}`}>
              <Table.Td>
                {v.kind === 'weight' ? v.label : <CalibrationName name={v.key} />}
                <Text span size="xs" c="dimmed">
                  {' '}
                  {v.kind}
                </Text>
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {v.kind === 'weight' ? formatWeight(v.value) : formatCalibration(v.value)}
              </Table.Td>
              <Table.Td ff="monospace">{v.effective_from}</Table.Td>
              <Table.Td ff="monospace">
                {v.is_current ? (
                  <Badge size="sm" variant="light" color="teal">
                    current
                  </Badge>
                ) : (
                  v.effective_to
                )}
              </Table.Td>
              <Table.Td c={v.rationale === null ? 'dimmed' : undefined}>
                {v.rationale ?? 'Reference value'}
              </Table.Td>
              <Table.Td>
                {!v.is_current && (
                  <RevertButton
                    sectorId={sectorId}
                    version={v}
                    currentId={currentIds.get(`${v.kind}:${v.key}`)}
                    onReverted={onChanged}
                  />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface Props {
  sectorId: string;
  version: number;
  onChanged: () => void;
}

/** Every version of the sector's weights and calibrations: a timeline, an "as of" day, revert. */
export function HistoryView({ sectorId, version, onChanged }: Props) {
  const [history, setHistory] = useState<ConfigHistory | null>(null);
  const [asOf, setAsOf] = useState(today);
  const [series, setSeries] = useState('weights');
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const now = useSectorDetails(sectorId, version);
  const then = useSectorDetails(sectorId, version, validDay ? asOf : null);
  // The day input can be cleared or half-typed: until it holds a day, show today's configuration.

  useEffect(() => {
    let current = true;
    void call('config:history', { focus_group_id: sectorId }).then((next) => {
      if (current && next !== null) setHistory(next);
    });
    return () => {
      current = false;
    };
  }, [sectorId, version]);

  if (history === null || history.focus_group_id !== sectorId) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        Loading the history…
      </Text>
    );
  }
  const calibrations = [
    ...new Set(history.versions.filter((v) => v.kind === 'calibration').map((v) => v.key)),
  ];
  const changes = history.versions.length - new Set(history.versions.map((v) => `${v.kind}:${v.key}`)).size;
  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
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
                asOf={validDay ? asOf : today()}
              />
            </div>
          </TitledCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <TitledCard title="As of a day" fill>
            <TextInput
              type="date"
              label="Configuration as of"
              description="What was in force that day"
              value={asOf}
              onChange={(event) => setAsOf(event.currentTarget.value)}
              max={today()}
              mb="sm"
            />
            <AsOfTable then={then.details} now={now.details} error={then.error} />
          </TitledCard>
        </Grid.Col>
      </Grid>
      <TitledCard title="Versions">
        <Group gap="xs" mb="sm">
          <Text size="sm" c="dimmed">
            Newest first.{' '}
            {changes === 0
              ? 'No changes since the reference configuration.'
              : `${changes} changes since the reference configuration.`}{' '}
            A revert adds a new version; nothing is ever deleted.
          </Text>
        </Group>
        <VersionsTable history={history} sectorId={sectorId} onChanged={onChanged} />
      </TitledCard>
    </Stack>
  );
}
