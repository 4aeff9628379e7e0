import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConfigVersion } from '../../../../shared/domain';
import { formatCalibration, formatWeight } from '../../../../shared/sector-config';
import { bridge, notifyConflict, notifyError, notifySuccess } from '../../api/bridge';
import { calibrationText } from './labels';

interface Props {
  sectorId: string;
  version: ConfigVersion;
  /** The version of the same item current on screen: another analyst's newer one makes it CONFLICT. */
  currentId: number | undefined;
  /** After a revert, or after a colleague's change refused it: the history reloads. */
  onReverted: () => void;
}

/** Makes an earlier version current again, as a new dated row with its own rationale. */
export function RevertButton({ sectorId, version, currentId, onReverted }: Props) {
  const [opened, setOpened] = useState(false);
  const [rationale, setRationale] = useState('');
  const [saving, setSaving] = useState(false);
  const value = version.kind === 'weight' ? formatWeight(version.value) : formatCalibration(version.value);
  const name = version.kind === 'weight' ? `${version.label} weight` : calibrationText(version.key);

  async function revert() {
    setSaving(true);
    const result = await bridge.invoke('config:revert', {
      focus_group_id: sectorId,
      kind: version.kind,
      version_id: version.version_id,
      current_id: currentId,
      rationale: rationale.trim(),
    });
    setSaving(false);
    if (!result.ok) {
      if (result.error.code !== 'CONFLICT') return notifyError(result.error);
      notifyConflict(result.error.message);
      setOpened(false);
      return onReverted();
    }
    notifySuccess(
      'Reverted',
      `${name} is ${value} again for ${result.value.group_name}, as a new dated version.`,
    );
    setOpened(false);
    setRationale('');
    onReverted();
  }

  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconArrowBackUp size={14} />}
        aria-label={`Revert ${name} to ${value} (from ${version.effective_from})`}
        onClick={() => setOpened(true)}
      >
        Revert
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Revert ${name} to ${value}`} centered>
        <Stack gap="sm">
          <Text size="sm">
            The value in force from {version.effective_from} becomes current again as a new version dated
            today. Nothing in the history is deleted.
          </Text>
          <TextInput
            label="Rationale"
            placeholder="Why go back?"
            value={rationale}
            onChange={(event) => setRationale(event.currentTarget.value)}
            maxLength={400}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button loading={saving} disabled={rationale.trim() === ''} onClick={() => void revert()}>
              Revert
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
