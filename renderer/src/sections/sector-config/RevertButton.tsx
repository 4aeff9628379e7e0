import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { formatValue } from '../../../../shared/change-sets';
import type { ConfigVersion } from '../../../../shared/domain';
import { formatWeight } from '../../../../shared/sector-config';
import { notifyConflict, notifyError, notifySuccess } from '../../api/bridge';
import { useWrite } from '../../api/use-write';
import { shownInPlace } from '../../api/write-errors';
import { calibrationText } from './labels';
import { RevertFooter } from './RevertFooter';
import { brokenSum } from './revert-sum';
import type { WeightsPreset } from './weights-form';

interface Props {
  sectorId: string;
  version: ConfigVersion;
  /** The version of the same item current on screen: another analyst's newer one makes it CONFLICT. */
  currentId: number | undefined;
  /** The sector's current weights, to say before saving what a weight's revert does to their sum. */
  weights: Record<string, number>;
  /** After a revert, or after a colleague's change refused it: the history reloads. */
  onReverted: () => void;
  /** Opens the weights form with this revert typed in, for its rebalance aid. */
  onRebalance: (preset: WeightsPreset) => void;
}

/** Makes an earlier version's value current again, as a new change set with its own rationale. */
export function RevertButton({ sectorId, version, currentId, weights, onReverted, onRebalance }: Props) {
  const [opened, setOpened] = useState(false);
  const [rationale, setRationale] = useState('');
  const [saving, setSaving] = useState(false);
  const write = useWrite();
  const value = formatValue(version.kind, version.value);
  const name = version.kind === 'weight' ? `${version.label} weight` : calibrationText(version.key);
  const sum = version.kind === 'weight' ? brokenSum(weights, { [version.key]: version.value }) : null;

  async function revert() {
    setSaving(true);
    const result = await write.run('config:revert', {
      focus_group_id: sectorId,
      kind: version.kind,
      version_id: version.version_id,
      current_id: currentId,
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
    notifySuccess(
      'Reverted',
      `${name} is ${value} again for ${result.value.group_name}, as a new change set.`,
    );
    setOpened(false);
    setRationale('');
    onReverted();
  }

  function rebalance() {
    setOpened(false);
    onRebalance({
      typed: { [version.key]: version.value },
      rationale: `Reverted ${name} to ${value} (change set #${version.change_set_id}) and rebalanced: ${rationale.trim()}`,
    });
  }

  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconArrowBackUp size={14} />}
        aria-label={`Revert ${name} to ${value} (change set #${version.change_set_id})`}
        onClick={() => setOpened(true)}
      >
        Revert
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Revert ${name} to ${value}`} centered>
        <Stack gap="sm">
          <Text size="sm">
            The value change set #{version.change_set_id} gave it becomes current again, as a new change set.
            Nothing in the history is deleted.
          </Text>
          {sum !== null && (
            <Alert color="orange" variant="light" title={`The weights would sum to ${formatWeight(sum)}`}>
              Reverting only this weight leaves the others as they are, so composite scores for this sector
              would be off scale. Rebalance first opens the weights form with this value typed in.
            </Alert>
          )}
          <RevertFooter
            placeholder="Why go back?"
            rationale={rationale}
            onRationale={setRationale}
            write={write}
            saving={saving}
            onRebalance={sum !== null ? rebalance : null}
            submitLabel={sum === null ? 'Revert' : 'Revert anyway'}
            onCancel={() => setOpened(false)}
            onRevert={() => void revert()}
          />
        </Stack>
      </Modal>
    </>
  );
}
