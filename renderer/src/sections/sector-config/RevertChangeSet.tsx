import { Alert, Badge, Button, Modal, Stack, Table, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { formatValue, type RevertPlan } from '../../../../shared/change-sets';
import { formatWeight } from '../../../../shared/sector-config';
import { notifyConflict, notifyError, notifySuccess } from '../../api/bridge';
import { useWrite } from '../../api/use-write';
import { shownInPlace } from '../../api/write-errors';
import { CalibrationName } from './labels';
import { RevertFooter } from './RevertFooter';
import type { WeightsPreset } from './weights-form';

/** Each value the revert sets back: now → back to, and whether a later change set changed it too. */
function PlanTable({ plan }: { plan: RevertPlan }) {
  return (
    <Table verticalSpacing={4} fz="sm" aria-label="What the revert restores">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Item</Table.Th>
          <Table.Th ta="right">Now</Table.Th>
          <Table.Th ta="right">Back to</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {plan.steps.map((step) => (
          <Table.Tr key={`${step.kind}:${step.key}`}>
            <Table.Td>
              {step.kind === 'weight' ? `${step.label} weight` : <CalibrationName name={step.key} />}
              {step.changedSince && (
                <Badge ml="xs" size="xs" color="orange" variant="light">
                  changed since
                </Badge>
              )}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" c="dimmed">
              {formatValue(step.kind, step.current)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" fw={700}>
              {formatValue(step.kind, step.restored)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface Props {
  sectorId: string;
  plan: RevertPlan;
  /** The newest change set on screen: the revert is refused if the sector has a newer one by now. */
  seen: number;
  onReverted: () => void;
  onRebalance: (preset: WeightsPreset) => void;
}

/**
 * Undoes a whole change set in one action: every value it changed goes back to its value before
 * it, as one new change set with the analyst's rationale. Before saving it shows what each value
 * becomes and what the weights would sum to, with the weights form's rebalance aid when they would
 * not sum to 1.000.
 */
export function RevertChangeSet({ sectorId, plan, seen, onReverted, onRebalance }: Props) {
  const [opened, setOpened] = useState(false);
  const [rationale, setRationale] = useState('');
  const [saving, setSaving] = useState(false);
  const write = useWrite();
  const id = plan.changeSet.change_set_id;
  const off = plan.weightsSum !== null && Math.abs(plan.weightsSum - 1) >= 1e-9;
  const weightsOnly = plan.steps.every((step) => step.kind === 'weight');

  async function revert() {
    setSaving(true);
    const result = await write.run('config:revertChangeSet', {
      focus_group_id: sectorId,
      change_set_id: id,
      seen_change_set_id: seen,
      rationale: rationale.trim(),
    });
    setSaving(false);
    if (!result.ok) {
      if (shownInPlace(result.error)) return;
      if (result.error.code !== 'CONFLICT') return notifyError(result.error);
      notifyConflict(result.error.message);
      setOpened(false);
      return onReverted();
    }
    const n = result.value.changed;
    notifySuccess(
      `Change set #${id} reverted`,
      `${n} value${n === 1 ? '' : 's'} restored as change set #${result.value.change_set_id ?? '?'}.`,
    );
    setOpened(false);
    setRationale('');
    onReverted();
  }

  function rebalance() {
    setOpened(false);
    onRebalance({
      typed: Object.fromEntries(plan.steps.map((step) => [step.key, step.restored])),
      rationale: `Reverted change set #${id} and rebalanced: ${rationale.trim()}`,
    });
  }

  const n = plan.steps.length;
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconArrowBackUp size={14} />}
        onClick={() => setOpened(true)}
      >
        Revert change set
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Revert change set #${id}`}
        size="lg"
        centered
      >
        <Stack gap="sm">
          <Text size="sm">
            {n === 1 ? 'One value goes' : `${n} values go`} back to what {n === 1 ? 'it was' : 'they were'}{' '}
            before change set #{id}, saved together as one new change set. Nothing in the history is deleted.
          </Text>
          <PlanTable plan={plan} />
          {plan.kept.length > 0 && (
            <Text size="sm" c="dimmed">
              It also added {plan.kept.map((c) => c.label).join(', ')}: a calibration is never removed, so{' '}
              {plan.kept.length === 1 ? 'it stays' : 'they stay'}.
            </Text>
          )}
          {plan.weightsSum !== null && (
            // Plain text: orange on white is too faint to read (axe), and the alert below warns.
            <Text size="sm" aria-label="Weights sum after the revert">
              The weights will sum to <b>{formatWeight(plan.weightsSum)}</b>.
            </Text>
          )}
          {off && (
            <Alert color="orange" variant="light" title="Composite scores would be off scale">
              Another change set changed these weights since, so going back leaves them not summing to 1.000.
              {weightsOnly ? ' Rebalance first opens the weights form with these values typed in.' : ''}
            </Alert>
          )}
          <RevertFooter
            placeholder="Why undo it?"
            rationale={rationale}
            onRationale={setRationale}
            write={write}
            saving={saving}
            onRebalance={off && weightsOnly ? rebalance : null}
            submitLabel={off ? 'Revert anyway' : `Revert ${n === 1 ? '1 value' : `${n} values`}`}
            onCancel={() => setOpened(false)}
            onRevert={() => void revert()}
          />
        </Stack>
      </Modal>
    </>
  );
}
