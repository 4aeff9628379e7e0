import { Button, Group, Radio, Select, Stack, Switch, Table, Text } from '@mantine/core';
import type { FieldSpec } from '../../../../../shared/org-fields';
import { columnLabel } from '../../../../../shared/labels';
import type { ImportState } from './use-import';

const leaveOut = '__none__';

/** Each of the file's columns and the column it fills (matched by name or label; the rest chosen here). */
export function MappingStep({ state, fields }: { state: ImportState; fields: FieldSpec[] }) {
  const { source } = state;
  if (source === null) return null;
  const targets = [
    { value: leaveOut, label: 'Leave out' },
    ...fields.map((f) => ({ value: f.name, label: `${f.label} (${f.name})` })),
    { value: 'sector_name', label: `${columnLabel('sector_name')} name (sector_name)` },
    { value: 'sector_code', label: `${columnLabel('sector_code')} (sector_code)` },
  ];
  const unmatched = state.mapping.filter((c) => c === null).length;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm">
          <b>{source.name}</b> · {source.headers.length} columns
          {unmatched > 0
            ? ` · ${unmatched} not matched: choose a column or leave them out`
            : ' · every column matched'}
        </Text>
        {source.sheets.length > 1 && (
          <Select
            aria-label="Sheet"
            size="xs"
            data={source.sheets}
            value={source.sheet}
            onChange={(sheet) => sheet !== null && void state.chooseSheet(sheet)}
            allowDeselect={false}
          />
        )}
      </Group>
      <Table.ScrollContainer minWidth={500} mah={320}>
        <Table stickyHeader aria-label="Column mapping" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="40%">In the file</Table.Th>
              <Table.Th>Fills</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {source.headers.map((header, i) => (
              <Table.Tr key={`${i}:${header}`}>
                <Table.Td>
                  {header || (
                    <Text span c="dimmed">
                      (no header)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Column for ${header}`}
                    size="xs"
                    searchable
                    data={targets}
                    value={state.mapping[i] ?? leaveOut}
                    onChange={(value) =>
                      state.mapColumn(i, value === null || value === leaveOut ? null : value)
                    }
                    allowDeselect={false}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Radio.Group
        label="Rows whose organization ID is already in the database"
        value={state.existing}
        onChange={(v) => state.setExisting(v as typeof state.existing)}
      >
        <Group mt={4}>
          <Radio value="fail" label="Refuse them" />
          <Radio value="update" label="Update them" />
          <Radio value="skip" label="Skip them" />
        </Group>
      </Radio.Group>
      <Switch
        checked={state.validRows}
        onChange={(event) => state.setValidRows(event.currentTarget.checked)}
        label="Import the valid rows and save the rejected ones with their reasons"
        description="Off: nothing is imported unless every row is valid."
      />
      <Group justify="flex-end">
        <Button onClick={() => void state.check()} loading={state.busy}>
          Check the file
        </Button>
      </Group>
    </Stack>
  );
}
