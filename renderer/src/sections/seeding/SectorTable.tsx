import { Badge, Code, Table } from '@mantine/core';
import { useSectors } from '../../state/sectors';

/** The seeded sectors as the focus_groups table holds them. */
export function SectorTable() {
  const sectors = useSectors();
  return (
    <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-label="Focus groups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={60}>#</Table.Th>
          <Table.Th>Sector</Table.Th>
          <Table.Th>Code</Table.Th>
          <Table.Th>Focus group id</Table.Th>
          <Table.Th>Platform</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sectors.map((sector) => (
          <Table.Tr key={sector.focus_group_id}>
            <Table.Td>{sector.display_order}</Table.Td>
            <Table.Td fw={500}>{sector.group_name}</Table.Td>
            <Table.Td>
              <Badge variant="outline">{sector.group_code}</Badge>
            </Table.Td>
            <Table.Td>
              <Code>{sector.focus_group_id}</Code>
            </Table.Td>
            <Table.Td>{sector.platform}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={sector.is_active ? 'teal' : 'gray'}>
                {sector.is_active ? 'active' : 'inactive'}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
