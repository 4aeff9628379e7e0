import { Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { SectorConfigJson } from '../../../../shared/domain';
import { formatCalibration, formatWeight } from '../../../../shared/sector-config';
import type { CompareCell, CompareRow } from './compare';
import { CalibrationName, calibrationText } from './labels';

const markStyle = {
  above: { background: 'var(--mantine-color-teal-light)', color: 'var(--mantine-color-teal-light-color)' },
  below: {
    background: 'var(--mantine-color-orange-light)',
    color: 'var(--mantine-color-orange-light-color)',
  },
} as const;

function format(row: CompareRow, value: number): string {
  return row.kind === 'weight' ? formatWeight(value) : formatCalibration(value);
}

/** Means and differences: three decimals for weights, two for calibrations (76.57, not 76.5714). */
function derived(row: CompareRow, value: number): string {
  return row.kind === 'weight' ? formatWeight(value) : value.toFixed(2);
}

function signed(row: CompareRow, difference: number): string {
  return `${difference >= 0 ? '+' : '−'}${derived(row, Math.abs(difference))}`;
}

interface Props {
  configs: SectorConfigJson[];
  rows: CompareRow[];
  onOpen: (row: CompareRow, cell: CompareCell) => void;
}

function Cell({ row, cell, onOpen }: { row: CompareRow; cell: CompareCell; onOpen: Props['onOpen'] }) {
  if (cell.value === null || cell.difference === null) {
    return (
      <Table.Td ta="center" c="dimmed">
        —
      </Table.Td>
    );
  }
  const name = row.kind === 'weight' ? `${row.label} weight` : calibrationText(row.key);
  const relation =
    cell.mark === null ? 'near the mean' : `${signed(row, cell.difference)} ${cell.mark} the mean`;
  return (
    <Table.Td p={0} style={cell.mark === null ? undefined : markStyle[cell.mark]}>
      <Tooltip
        label={`${cell.group_name}: ${format(row, cell.value)}, ${relation} (${format(row, row.mean)}). Click to edit.`}
      >
        <UnstyledButton
          w="100%"
          px="xs"
          py={6}
          ta="right"
          // The visible value and difference, in their order, inside the name (WCAG 2.5.3).
          aria-label={`Edit ${cell.group_name} ${name}: ${format(row, cell.value)} ${signed(row, cell.difference)}, ${cell.mark ?? 'near'} the mean`}
          onClick={() => onOpen(row, cell)}
        >
          <Text ff="monospace" size="sm" fw={cell.mark === null ? 400 : 700} c="inherit">
            <span aria-hidden>{cell.mark === 'above' ? '▲ ' : cell.mark === 'below' ? '▼ ' : ''}</span>
            {format(row, cell.value)}
          </Text>
          {/* A space between the lines, so that the text reads "68 +2.30" as the name says it. */}{' '}
          <Text ff="monospace" size="xs" c={cell.mark === null ? 'dimmed' : 'inherit'}>
            {signed(row, cell.difference)}
          </Text>
        </UnstyledButton>
      </Tooltip>
    </Table.Td>
  );
}

/**
 * Every sector's weights and calibrations side by side, each with its difference from the
 * cross-sector mean; values a standard deviation or more from the mean are marked. A cell opens its
 * editor.
 */
export function CompareTable({ configs, rows, onOpen }: Props) {
  const weights = rows.filter((r) => r.kind === 'weight');
  const calibrations = rows.filter((r) => r.kind === 'calibration');
  const group = (title: string) => (
    <Table.Tr>
      <Table.Td colSpan={configs.length + 2} bg="var(--mantine-color-default-hover)">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          {title}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
  const line = (row: CompareRow) => (
    <Table.Tr key={`${row.kind}:${row.key}`}>
      <Table.Th fw={500} fz="sm">
        {row.kind === 'weight' ? row.label : <CalibrationName name={row.key} />}
      </Table.Th>
      {row.cells.map((cell) => (
        <Cell key={cell.focus_group_id} row={row} cell={cell} onOpen={onOpen} />
      ))}
      <Table.Td ta="right" ff="monospace" fz="sm" c="dimmed">
        {derived(row, row.mean)}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withColumnBorders verticalSpacing={0} aria-label="Sectors compared">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={210}>
              <VisuallyHidden>Setting</VisuallyHidden>
            </Table.Th>
            {configs.map((config) => (
              <Table.Th key={config.focus_group_id} ta="right" fz="sm">
                {config.group_name}
              </Table.Th>
            ))}
            <Table.Th ta="right" fz="sm">
              Mean
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {group('Dimension weights')}
          {weights.map(line)}
          {group('Calibrations')}
          {calibrations.map(line)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
