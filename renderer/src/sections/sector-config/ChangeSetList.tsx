import { Badge, Card, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { formatValue, revertPlan, type RevertPlan } from '../../../../shared/change-sets';
import type { ChangeSet, ChangeSetKind, ConfigHistory, ConfigVersion } from '../../../../shared/domain';
import { formatMoment } from '../../format';
import { CalibrationName } from './labels';
import { RevertButton } from './RevertButton';
import { RevertChangeSet } from './RevertChangeSet';
import { currentWeights } from './revert-sum';
import type { WeightsPreset } from './weights-form';

const kinds: Record<ChangeSetKind, { label: string; color: string }> = {
  seed: { label: 'reference', color: 'gray' },
  edit: { label: 'edit', color: 'indigo' },
  revert: { label: 'revert', color: 'grape' },
  revert_set: { label: 'revert of a set', color: 'grape' },
  import: { label: 'import', color: 'cyan' },
  migrated: { label: 'before change sets', color: 'gray' },
  external: { label: 'SQL outside the app', color: 'gray' },
};

/** The plan of a set's revert, or null when nothing of it can be reverted now. */
function planOf(history: ConfigHistory, set: ChangeSet): RevertPlan | null {
  try {
    return revertPlan(history, set.change_set_id);
  } catch {
    return null;
  }
}

interface ListProps {
  /** The change sets to show (the filter's). */
  shown: ConfigHistory;
  /** The whole history: what a revert restores and what is current are read from it. */
  history: ConfigHistory;
  onChanged: () => void;
  onRebalance: (preset: WeightsPreset) => void;
}

/** When a version was in force: its first day to the day it was replaced, or now. */
function InForce({ version }: { version: ConfigVersion | undefined }) {
  if (version === undefined) return null;
  return (
    <Group gap={6} wrap="nowrap" style={{ whiteSpace: 'nowrap' }}>
      <Text span ff="monospace" size="sm">
        {version.effective_from} →
      </Text>
      {version.is_current ? (
        <Badge size="sm" variant="light" color="teal">
          current
        </Badge>
      ) : (
        <Text span ff="monospace" size="sm">
          {version.effective_to}
        </Text>
      )}
    </Group>
  );
}

function ChangeSetCard({
  set,
  history,
  onChanged,
  onRebalance,
}: { set: ChangeSet } & Omit<ListProps, 'shown'>) {
  const versions = new Map(history.versions.map((v) => [`${v.kind}:${v.version_id}`, v]));
  const current = new Map(
    history.versions.filter((v) => v.is_current).map((v) => [`${v.kind}:${v.key}`, v.version_id]),
  );
  const plan = planOf(history, set);
  const kind = kinds[set.kind];
  const id = set.change_set_id;
  const hidden = set.changed - set.changes.length;
  return (
    <Card withBorder padding="sm" component="section" aria-label={`Change set #${id}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" mb={4}>
        <Group gap="xs" wrap="wrap">
          <Text fw={700}>#{id}</Text>
          <Badge size="sm" variant="light" color={kind.color}>
            {set.reverts === null ? kind.label : `revert of #${set.reverts}`}
          </Badge>
          <Tooltip label={`${set.made_at} (UTC)`}>
            <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
              {formatMoment(set.made_at)}
            </Text>
          </Tooltip>
          <Text size="sm" c={set.author === null ? 'dimmed' : undefined}>
            by {set.author ?? 'unknown (recorded before authors were kept)'}
          </Text>
        </Group>
        {plan !== null && (
          <RevertChangeSet
            sectorId={history.focus_group_id}
            plan={plan}
            seen={history.change_sets.at(-1)?.change_set_id ?? id}
            onReverted={onChanged}
            onRebalance={onRebalance}
          />
        )}
      </Group>
      <Text size="sm" c={set.rationale === null ? 'dimmed' : undefined} mb={6}>
        {set.rationale ?? 'No rationale recorded'}
      </Text>
      {/* Fixed columns, so that values and dates line up from one change set to the next. */}
      <Table verticalSpacing={2} fz="sm" layout="fixed" aria-label={`Changes of #${id}`}>
        <Table.Thead>
          <Table.Tr c="dimmed">
            <Table.Th fw={500} w="30%">
              Item
            </Table.Th>
            <Table.Th fw={500} w="20%">
              Before → after
            </Table.Th>
            <Table.Th fw={500}>In force</Table.Th>
            <Table.Th w={80}>
              <VisuallyHidden>Revert</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {set.changes.map((change) => {
            const version = versions.get(`${change.kind}:${change.version_id}`);
            return (
              <Table.Tr key={`${change.kind}:${change.key}`}>
                <Table.Td>
                  {change.kind === 'weight' ? (
                    `${change.label} weight`
                  ) : (
                    <CalibrationName name={change.key} />
                  )}
                </Table.Td>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {change.before === null ? '(new)' : formatValue(change.kind, change.before)} →{' '}
                  <b>{formatValue(change.kind, change.after)}</b>
                </Table.Td>
                <Table.Td>
                  <InForce version={version} />
                </Table.Td>
                <Table.Td ta="right">
                  {version !== undefined && !version.is_current && (
                    <RevertButton
                      sectorId={history.focus_group_id}
                      version={version}
                      currentId={current.get(`${version.kind}:${version.key}`)}
                      weights={currentWeights(history)}
                      onReverted={onChanged}
                      onRebalance={onRebalance}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {hidden > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          and {hidden} other value{hidden === 1 ? '' : 's'} the filter hides
          {plan !== null ? ' (a revert of the set restores them too)' : ''}
        </Text>
      )}
    </Card>
  );
}

/** The change sets, newest first: when (local time), by whom, why, and each value before → after. */
export function ChangeSetList({ shown, ...rest }: ListProps) {
  if (shown.change_sets.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No change set matches the filter.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {[...shown.change_sets].reverse().map((set) => (
        <ChangeSetCard key={set.change_set_id} set={set} {...rest} />
      ))}
    </Stack>
  );
}
