import { Accordion, Badge, Code, Group, Table, Text } from '@mantine/core';
import { IconEye, IconTable } from '@tabler/icons-react';
import type { SchemaInfo, SchemaObject } from '../../../../shared/domain';
import { plural } from '../../format';
import { ColumnTable } from './ColumnTable';

interface Props {
  objects: SchemaObject[];
  indexes: SchemaInfo['indexes'];
}

export function ObjectList({ objects, indexes }: Props) {
  return (
    <Accordion multiple variant="separated" radius="md" defaultValue={[]}>
      {objects.map((object) => {
        const own = indexes.filter((index) => index.table === object.name);
        return (
          <Accordion.Item key={object.name} value={object.name}>
            <Accordion.Control
              icon={object.type === 'view' ? <IconEye size={18} /> : <IconTable size={18} />}
            >
              <Group gap="sm">
                <Text ff="monospace" fw={600}>
                  {object.name}
                </Text>
                <Badge variant="light" color={object.type === 'view' ? 'grape' : 'indigo'}>
                  {object.type}
                </Badge>
                <Text size="sm" c="dimmed">
                  {plural(object.columns.length, 'column')}
                  {object.row_count !== null && ` · ${plural(object.row_count, 'row')}`}
                  {own.length > 0 && ` · ${plural(own.length, 'index', 'indexes')}`}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <ColumnTable columns={object.columns} />
              {own.length > 0 && (
                <Table mt="md" fz="sm">
                  <Table.Tbody>
                    {own.map((index) => (
                      <Table.Tr key={index.name}>
                        <Table.Td w={260}>
                          <Code>{index.name}</Code>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" ff="monospace" c="dimmed">
                            {index.sql}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}
