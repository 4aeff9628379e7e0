import { Button, Group, Select } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ConfigHistory, HistoryFilter } from '../../../../shared/domain';
import { bridge, notifyError, notifySuccess, useAction } from '../../api/bridge';
import { calibrationText } from './labels';

interface Props {
  history: ConfigHistory;
  filter: HistoryFilter;
  onFilter: (filter: HistoryFilter) => void;
}

/** The item filter's choice: a dimension's weight or a calibration, one at a time. */
const itemValue = (filter: HistoryFilter) =>
  filter.dimension !== undefined
    ? `weight:${filter.dimension}`
    : filter.calibration !== undefined
      ? `calibration:${filter.calibration}`
      : null;

function itemFilter(value: string | null): HistoryFilter {
  if (value === null) return {};
  const [kind, key] = value.split(/:(.*)/s) as [string, string];
  return kind === 'weight' ? { dimension: key } : { calibration: key };
}

/** Which change sets History shows (an item, an author), and the CSV of what it shows. */
export function HistoryFilters({ history, filter, onFilter }: Props) {
  const [saving, run] = useAction();
  const items = (kind: 'weight' | 'calibration') => [
    ...new Map(
      history.versions
        .filter((v) => v.kind === kind)
        .map((v) => [
          v.key,
          { value: `${kind}:${v.key}`, label: kind === 'weight' ? v.label : calibrationText(v.key) },
        ]),
    ).values(),
  ];
  const exportCsv = () =>
    run(async () => {
      const result = await bridge.saveHistory({ focus_group_id: history.focus_group_id, ...filter });
      if (!result.ok) return notifyError(result.error);
      if (result.value?.path) {
        notifySuccess(
          'History exported',
          `${result.value.change_sets} change set(s) written to ${result.value.path}.`,
        );
      }
    });
  return (
    <Group gap="sm" align="flex-end" mb="md">
      <Select
        label="Item"
        placeholder="Every weight and calibration"
        data={[
          { group: 'Dimension weights', items: items('weight') },
          { group: 'Calibrations', items: items('calibration') },
        ]}
        value={itemValue(filter)}
        onChange={(value) => onFilter({ ...itemFilter(value), author: filter.author })}
        clearable
        clearButtonProps={{ 'aria-label': 'Show every item', 'aria-hidden': false, tabIndex: 0 }}
        w={260}
      />
      <Select
        label="Author"
        placeholder="Everyone"
        data={history.authors}
        value={filter.author ?? null}
        onChange={(author) => onFilter({ ...filter, author: author ?? undefined })}
        clearable
        clearButtonProps={{ 'aria-label': 'Show every author', 'aria-hidden': false, tabIndex: 0 }}
        w={220}
      />
      <Button
        variant="light"
        leftSection={<IconDownload size={16} />}
        loading={saving}
        onClick={() => void exportCsv()}
      >
        Export CSV
      </Button>
    </Group>
  );
}
