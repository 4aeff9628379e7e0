import { Table, Text } from '@mantine/core';
import type { RankedOrganization } from '../../../../shared/scoring';
import { scoreText } from './score-text';

interface Props {
  rows: RankedOrganization[];
  selected: string | null;
  onSelect: (organizationId: string) => void;
  label: string;
}

/** Ranked organizations; a row opens its breakdown. */
export function RankingTable({ rows, selected, onSelect, label }: Props) {
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No assessed organizations here yet: insert sample organizations (they come with assessments).
      </Text>
    );
  }
  return (
    <Table highlightOnHover striped aria-label={label} verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th ta="right">Rank</Table.Th>
          <Table.Th>Organization</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
            Org-AI-R
          </Table.Th>
          <Table.Th ta="right">
            V<sup>R</sup>
          </Table.Th>
          <Table.Th ta="right">
            H<sup>R</sup>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.organization_id}
            onClick={() => onSelect(row.organization_id)}
            bg={row.organization_id === selected ? 'var(--mantine-primary-color-light)' : undefined}
            style={{ cursor: 'pointer' }}
            aria-selected={row.organization_id === selected}
          >
            <Table.Td ta="right">{row.rank}</Table.Td>
            <Table.Td>{row.legal_name}</Table.Td>
            <Table.Td>
              <Text size="xs">{row.status}</Text>
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {scoreText(row.org_air)}
            </Table.Td>
            <Table.Td ta="right">{scoreText(row.vr)}</Table.Td>
            <Table.Td ta="right">{scoreText(row.hr)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
