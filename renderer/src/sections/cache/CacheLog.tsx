import { Badge, ScrollArea, Table, Text } from '@mantine/core';
import type { CacheLogEntry } from '../../../../shared/domain';
import { formatMs, formatTime } from '../../format';
import { eventColors } from './event-colors';

export function CacheLog({ entries }: { entries: CacheLogEntry[] }) {
  if (entries.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="xl">
        No cache activity yet. Fetch a sector to see MISS, SET and HIT appear here.
      </Text>
    );
  }
  return (
    <ScrollArea h={360} type="auto" offsetScrollbars>
      <Table stickyHeader highlightOnHover verticalSpacing={6} fz="sm" aria-label="Cache log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Time</Table.Th>
            <Table.Th w={100}>Event</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th w={100} ta="right">
              Duration
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.seq}>
              <Table.Td ff="monospace" c="dimmed">
                {formatTime(entry.at)}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={eventColors[entry.type]} size="sm" radius="sm">
                  {entry.type}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace">{entry.message}</Table.Td>
              <Table.Td ff="monospace" ta="right" c="dimmed">
                {formatMs(entry.duration_ms)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
