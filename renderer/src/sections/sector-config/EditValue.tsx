import { ActionIcon, Button, Group, NumberInput, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';

interface Props {
  label: string;
  value: number;
  min?: number;
  max?: number;
  step?: number;
  /** Resolves true when the backend accepted the value. */
  onSave: (value: number) => Promise<boolean>;
}

/** A pencil that opens a small editor; out-of-range values are refused before they reach the backend. */
export function EditValue({ label, value, min, max, step = 0.01, onSave }: Props) {
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState<string | number>(value);
  const [saving, setSaving] = useState(false);
  const number = typeof draft === 'number' ? draft : Number.NaN;
  const error =
    !Number.isFinite(number) || draft === ''
      ? 'Enter a number'
      : min !== undefined && number < min
        ? `Must be at least ${min}`
        : max !== undefined && number > max
          ? `Must be at most ${max}`
          : null;

  async function save() {
    if (error !== null) return;
    setSaving(true);
    const accepted = await onSave(number);
    setSaving(false);
    if (accepted) setOpened(false);
  }

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      trapFocus
      position="bottom-end"
      withArrow
      shadow="md"
      onOpen={() => setDraft(value)}
    >
      <Popover.Target>
        <Tooltip label={`Edit ${label}`}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Edit ${label}`}
            onClick={() => setOpened((o) => !o)}
          >
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={220}>
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <NumberInput
            aria-label={`New value for ${label}`}
            value={draft}
            onChange={setDraft}
            step={step}
            decimalScale={6}
            error={error}
            clampBehavior="none"
            data-autofocus
            onKeyDown={(event) => {
              if (event.key === 'Enter') void save();
            }}
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button size="xs" loading={saving} disabled={error !== null} onClick={() => void save()}>
              Save
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
