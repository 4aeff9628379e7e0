import { Button, Group, TextInput } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { BusyNotice } from '../../components/BusyNotice';
import type { WriteState } from '../../api/use-write';

interface Props {
  /** "Why go back?" or "Why undo it?": what the reason is asked for. */
  placeholder: string;
  rationale: string;
  onRationale: (rationale: string) => void;
  write: WriteState;
  saving: boolean;
  /** Offers "Rebalance first…" when given (the revert would leave the weights off their sum). */
  onRebalance: (() => void) | null;
  submitLabel: string;
  onCancel: () => void;
  onRevert: () => void;
}

/** What both revert dialogs end with: the required reason, the busy notice and their buttons. */
export function RevertFooter(props: Props) {
  return (
    <>
      <TextInput
        label="Rationale"
        placeholder={props.placeholder}
        value={props.rationale}
        onChange={(event) => props.onRationale(event.currentTarget.value)}
        maxLength={400}
        required
        data-autofocus
      />
      <BusyNotice write={props.write} />
      <Group justify="flex-end" wrap="nowrap">
        <Button variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        {props.onRebalance !== null && (
          <Button variant="light" leftSection={<IconScale size={16} />} onClick={props.onRebalance}>
            Rebalance first…
          </Button>
        )}
        <Button loading={props.saving} disabled={props.rationale.trim() === ''} onClick={props.onRevert}>
          {props.submitLabel}
        </Button>
      </Group>
    </>
  );
}
