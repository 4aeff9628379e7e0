import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { CALIBRATION_DECIMALS, formatCalibration } from '../../../../shared/sector-config';
import { useWrite, type WriteRun } from '../../api/use-write';
import { BusyNotice } from '../../components/BusyNotice';
import { parseCalibration } from './calibration-input';

interface Props {
  /** Plain-text name for labels, e.g. "HR baseline". */
  label: string;
  value: number;
  /** Saves through `run` (which reports a busy database here); resolves true when the backend accepted it. */
  onSave: (value: number, rationale: string, run: WriteRun) => Promise<boolean>;
  onCancel: () => void;
}

/** A new value for one calibration and the reason for it; Save stays off until both make sense. */
export function CalibrationForm({ label, value, onSave, onCancel }: Props) {
  const [text, setText] = useState(formatCalibration(value));
  const [rationale, setRationale] = useState('');
  const [saving, setSaving] = useState(false);
  const write = useWrite();
  const parsed = parseCalibration(text);
  const unchanged = parsed.ok && parsed.value === value;
  const ready = parsed.ok && !unchanged && rationale.trim() !== '';

  async function save() {
    if (!ready || !parsed.ok) return;
    setSaving(true);
    const accepted = await onSave(parsed.value, rationale.trim(), write.run);
    setSaving(false);
    if (accepted) onCancel();
  }

  return (
    <Stack gap="xs">
      <TextInput
        label="New value"
        aria-label={`New value for ${label}`}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        inputMode="decimal"
        autoComplete="off"
        error={parsed.ok ? null : parsed.error}
        description={`Now ${formatCalibration(value)}; up to ${CALIBRATION_DECIMALS} decimals`}
        data-autofocus
        onKeyDown={(event) => {
          if (event.key === 'Enter') void save();
        }}
      />
      <TextInput
        label="Rationale"
        aria-label={`Rationale for ${label}`}
        placeholder="Why this value?"
        value={rationale}
        onChange={(event) => setRationale(event.currentTarget.value)}
        maxLength={500}
        required
        onKeyDown={(event) => {
          if (event.key === 'Enter') void save();
        }}
      />
      <BusyNotice write={write} />
      {unchanged && (
        <Text size="xs" c="dimmed">
          That is the current value.
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="xs" loading={saving} disabled={!ready} onClick={() => void save()}>
          Save
        </Button>
      </Group>
    </Stack>
  );
}
