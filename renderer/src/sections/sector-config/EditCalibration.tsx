import { ActionIcon, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { WriteRun } from '../../api/use-write';
import { CalibrationForm } from './CalibrationForm';
import { CalibrationName, calibrationText } from './labels';

interface Props {
  name: string;
  value: number;
  onSave: (value: number, rationale: string, run: WriteRun) => Promise<boolean>;
}

/** A pencil that opens the calibration's editor beside it. */
export function EditCalibration({ name, value, onSave }: Props) {
  const [opened, setOpened] = useState(false);
  const label = calibrationText(name);
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Tooltip
          label={
            <>
              Edit <CalibrationName name={name} />
            </>
          }
        >
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
      <Popover.Dropdown aria-label={`Edit ${label}`}>
        <Stack gap="xs" w={260}>
          <Text size="sm" fw={600}>
            <CalibrationName name={name} />
          </Text>
          {opened && (
            <CalibrationForm label={label} value={value} onSave={onSave} onCancel={() => setOpened(false)} />
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
