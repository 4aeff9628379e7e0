import { Badge, ScrollArea, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CacheLogEntry } from '../../../../shared/domain';
import { formatMs, formatTime } from '../../format';
import { eventColors } from './event-colors';

/**
 * A MISS line's own duration is the lookup (the GET that found nothing): a fraction of a millisecond
 * beside a fetch of 50. The whole fetch it started is shown with it once it has finished.
 */
function duration(entry: CacheLogEntry): ReactNode {
  if (entry.type !== 'MISS') return formatMs(entry.duration_ms);
  return (
    <>
      {formatMs(entry.duration_ms)} lookup
      {entry.fetch_ms !== undefined && (
        <Text span display="block" size="xs" c="dimmed" ff="monospace">
          whole fetch {formatMs(entry.fetch_ms)}
        </Text>
      )}
    </>
  );
}

export function CacheLog({ entries }: { entries: CacheLogEntry[] }) {
  if (entries.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="xl">
        No cache activity yet. Fetch a sector to see MISS, SET and HIT appear here.
      </Text>
    );
  }
  return (
    // The region scrolls by keyboard too: it takes the focus, and the arrow keys scroll it.
    <ScrollArea
      h={360}
      type="auto"
      offsetScrollbars
      viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'Cache log, newest first' }}
    >
      <Table stickyHeader highlightOnHover verticalSpacing={6} fz="sm" aria-label="Cache log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Time</Table.Th>
            <Table.Th w={100}>Event</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th w={170} ta="right">
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
                {duration(entry)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
