import { Badge, Code, Table, Text } from '@mantine/core';
import type { ColumnInfo } from '../../../../shared/domain';

export function ColumnTable({ columns }: { columns: ColumnInfo[] }) {
  return (
    <Table striped highlightOnHover withTableBorder fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Column</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Constraints</Table.Th>
          <Table.Th>Default</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {columns.map((column) => (
          <Table.Tr key={column.name}>
            <Table.Td ff="monospace">{column.name}</Table.Td>
            <Table.Td>
              <Code>{column.type || '—'}</Code>
            </Table.Td>
            <Table.Td>
              {column.pk && (
                <Badge size="xs" mr={4}>
                  primary key
                </Badge>
              )}
              {column.notnull && (
                <Badge size="xs" variant="light" color="gray">
                  not null
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              {column.default_value === null ? (
                <Text size="xs" c="dimmed">
                  —
                </Text>
              ) : (
                <Code>{column.default_value}</Code>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
