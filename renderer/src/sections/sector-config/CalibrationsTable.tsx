import type { WriteRun } from '../../api/use-write';
import { Badge, Code, Table, Text, VisuallyHidden } from '@mantine/core';
import type { CalibrationDetail } from '../../../../shared/domain';
import { formatCalibration } from '../../../../shared/sector-config';
import { EditCalibration } from './EditCalibration';
import { CalibrationName, Superscripted } from './labels';

const typeColors = { numeric: 'gray', threshold: 'orange', multiplier: 'grape' } as const;

interface Props {
  calibrations: CalibrationDetail[];
  onEdit: (parameter: string, value: number, rationale: string, run: WriteRun) => Promise<boolean>;
}

/** Every calibration of the sector, not only the four the lab names, with what it means and why. */
export function CalibrationsTable({ calibrations, onEdit }: Props) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" highlightOnHover aria-label="Calibrations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Parameter</Table.Th>
            <Table.Th ta="right">Value</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Rationale</Table.Th>
            <Table.Th>Since</Table.Th>
            <Table.Th w={40}>
              <VisuallyHidden>Edit</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {calibrations.map((c) => (
            <Table.Tr key={c.parameter_name}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  <CalibrationName name={c.parameter_name} />
                </Text>
                <Text size="xs" c="dimmed">
                  <Code fz="xs">{c.parameter_name}</Code>
                  {c.description !== null && (
                    <>
                      {' · '}
                      <Superscripted text={c.description} />
                    </>
                  )}
                </Text>
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatCalibration(c.value)}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={typeColors[c.parameter_type]} size="sm">
                  {c.parameter_type}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={c.rationale === null ? 'dimmed' : undefined}>
                  {c.rationale ?? 'Reference value'}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {c.effective_from}
              </Table.Td>
              <Table.Td>
                <EditCalibration
                  name={c.parameter_name}
                  value={c.value}
                  onSave={(value, rationale, run) => onEdit(c.parameter_name, value, rationale, run)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
