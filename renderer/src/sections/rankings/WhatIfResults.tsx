import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { WhatIfResult, WhatIfRow } from '../../../../shared/scoring';
import { moveText, scoreText } from './score-text';

function moveColor(row: WhatIfRow) {
  if (row.rank_after === row.rank_before) return 'dimmed';
  // Shade 8: readable on the striped rows in light mode (axe's contrast check).
  return row.rank_after < row.rank_before ? 'teal.8' : 'red.8';
}

function RowsTable({ rows, label, after }: { rows: WhatIfRow[]; label: string; after: boolean }) {
  return (
    <Table aria-label={label} verticalSpacing={2} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th ta="right">Rank</Table.Th>
          <Table.Th>Organization</Table.Th>
          <Table.Th ta="right">Org-AI-R</Table.Th>
          {after && <Table.Th ta="right">Move</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.organization_id}>
            <Table.Td ta="right">{after ? row.rank_after : row.rank_before}</Table.Td>
            <Table.Td>{row.legal_name}</Table.Td>
            <Table.Td ta="right">{scoreText(after ? row.org_air_after : row.org_air_before)}</Table.Td>
            {after && (
              <Table.Td ta="right" c={moveColor(row)}>
                {moveText(row.rank_before, row.rank_after)}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function WhatIfResults({ result, roundTripMs }: { result: WhatIfResult; roundTripMs: number | null }) {
  return (
    <Stack gap="sm">
      <Group gap="md">
        <Badge size="lg" variant="light" aria-label="Spearman's rho">
          Spearman&apos;s ρ {result.spearman.toFixed(3)}
        </Badge>
        <Badge size="lg" variant="light" color={result.moved_over_5 > 0 ? 'orange' : 'gray'}>
          {result.moved_over_5} of {result.assessed} move more than 5 places
        </Badge>
        {roundTripMs !== null && (
          <Text size="xs" c="dimmed">
            re-ranked in {Math.round(roundTripMs)} ms
          </Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Text fw={600} size="sm">
            Top 10 with these weights
          </Text>
          <RowsTable rows={result.top_after} label="Top 10 with these weights" after />
        </div>
        <div>
          <Text fw={600} size="sm">
            Top 10 today
          </Text>
          <RowsTable rows={result.top_before} label="Top 10 today" after={false} />
        </div>
      </SimpleGrid>
      <Text fw={600} size="sm">
        Largest movers
      </Text>
      {result.movers.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody moves: the ranking is the saved one.
        </Text>
      ) : (
        <RowsTable rows={result.movers} label="Largest movers" after />
      )}
    </Stack>
  );
}
