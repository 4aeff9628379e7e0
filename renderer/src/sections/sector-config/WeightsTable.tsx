import { ActionIcon, Group, Progress, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { WeightDetail } from '../../../../shared/domain';
import { decimalSum, formatWeight } from '../../../../shared/sector-config';

interface Props {
  weights: WeightDetail[];
  /** Opens the weights form with this dimension's field focused. */
  onEdit: (code: string) => void;
}

/** Each dimension's weight with its rationale, and its share of the weights' actual sum. */
export function WeightsTable({ weights, onEdit }: Props) {
  const sum = decimalSum(weights.map((w) => w.weight));
  return (
    <Table highlightOnHover verticalSpacing="xs" aria-label="Dimension weights">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Dimension</Table.Th>
          <Table.Th ta="right">Weight</Table.Th>
          <Table.Th w="28%">Share</Table.Th>
          <Table.Th w={40}>
            <VisuallyHidden>Edit</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {weights.map((row) => {
          const share = sum === 0 ? 0 : (row.weight / sum) * 100;
          return (
            <Table.Tr key={row.dimension_code}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {row.dimension_name}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.rationale ?? 'No rationale recorded'}
                  {row.description !== null && ` · ${row.description}`}
                </Text>
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatWeight(row.weight)}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Progress value={share} w="100%" size="md" aria-hidden />
                  <Text size="xs" c="dimmed" w={44} ta="right" ff="monospace">
                    {share.toFixed(1)}%
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Tooltip label={`Edit ${row.dimension_name} weight`}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Edit ${row.dimension_name} weight`}
                    onClick={() => onEdit(row.dimension_code)}
                  >
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
