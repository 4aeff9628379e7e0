import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { OrgRow, OrgValue } from '../../../../../shared/domain';
import { columnLabel } from '../../../../../shared/labels';
import type { FieldSpec } from '../../../../../shared/org-fields';
import { showValue } from '../grid/cell-format';

export interface Conflict {
  /** The row as this window had it when the edit was made. */
  row: OrgRow;
  /** What this window tried to save. */
  mine: Record<string, OrgValue>;
  /** The row as saved by someone else meanwhile; null when they deleted it. */
  current: OrgRow | null;
}

interface Props {
  conflict: Conflict | null;
  /** The fields' labels: an assessment's score is named by its dimension. */
  fields: FieldSpec[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

const shown = (column: string, value: OrgValue | undefined) => showValue(column, value ?? null).text;

/** Someone saved the row first: nothing of this edit was saved; both values side by side, and a choice. */
export function ConflictDialog({ conflict, fields, onKeepMine, onTakeTheirs }: Props) {
  const current = conflict?.current ?? null;
  const label = (column: string) => fields.find((f) => f.name === column)?.label ?? columnLabel(column);
  const columns = conflict === null ? [] : Object.keys(conflict.mine);
  // Their other changes, which either choice keeps.
  const others =
    conflict === null || current === null
      ? []
      : Object.keys(current).filter(
          (c) =>
            !columns.includes(c) &&
            c !== 'updated_at' &&
            JSON.stringify(current[c]) !== JSON.stringify(conflict.row[c]),
        );
  const name = String(current?.legal_name ?? conflict?.row.legal_name ?? '');
  return (
    <Modal
      opened={conflict !== null}
      onClose={onTakeTheirs}
      title="Someone else saved first"
      size="lg"
      closeOnClickOutside={false}
    >
      <Stack gap="md">
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} p="sm">
          {current === null
            ? `${name} was deleted by someone else while you edited it. Your change was not saved.`
            : `${name} was changed by someone else while you edited it. Nothing of your edit was saved yet: choose which value to keep.`}
        </Alert>
        {current !== null && (
          <Table withTableBorder aria-label="Both values" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Yours (not saved)</Table.Th>
                <Table.Th>Saved by someone else</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {columns.map((column) => (
                <Table.Tr key={column}>
                  <Table.Td fw={600}>{label(column)}</Table.Td>
                  <Table.Td>{shown(column, conflict?.mine[column])}</Table.Td>
                  <Table.Td>{shown(column, current[column])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {others.length > 0 && (
          <Text size="sm" c="dimmed">
            They also changed {others.map(label).join(', ')}; either choice keeps that.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onTakeTheirs}>
            {current === null ? 'Close' : 'Keep theirs'}
          </Button>
          {current !== null && <Button onClick={onKeepMine}>Keep mine</Button>}
        </Group>
      </Stack>
    </Modal>
  );
}
