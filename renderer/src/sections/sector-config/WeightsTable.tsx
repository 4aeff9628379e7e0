import { Group, Progress, Table, Text } from '@mantine/core';
import { EditValue } from './EditValue';
import type { WeightRow } from './weight-rows';

interface Props {
  rows: WeightRow[];
  onEdit: (code: string, weight: number) => Promise<boolean>;
}

export function WeightsTable({ rows, onEdit }: Props) {
  return (
    <Table highlightOnHover verticalSpacing="xs" aria-label="Dimension weights">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Dimension</Table.Th>
          <Table.Th ta="right">Weight</Table.Th>
          <Table.Th w="35%">Share</Table.Th>
          <Table.Th w={40} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.code}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {row.name}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {row.code}
              </Text>
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {row.weight.toFixed(2)}
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Progress value={row.weight * 100} w="100%" size="md" aria-hidden />
                <Text size="xs" c="dimmed" w={36} ta="right">
                  {Math.round(row.weight * 100)}%
                </Text>
              </Group>
            </Table.Td>
            <Table.Td>
              <EditValue
                label={`${row.name} weight`}
                value={row.weight}
                min={0}
                max={1}
                onSave={(weight) => onEdit(row.code, weight)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
