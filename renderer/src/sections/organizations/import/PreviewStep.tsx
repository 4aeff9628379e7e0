import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { ASSESSED_ON, TALENT_CONCENTRATION } from '../../../../../shared/assessment';
import type { OrgRow } from '../../../../../shared/domain';
import type { FieldSpec } from '../../../../../shared/org-fields';
import type { ImportPreview } from '../../../../../shared/org-import';
import { columnLabel } from '../../../../../shared/labels';
import { showValue } from '../grid/cell-format';
import type { ImportState } from './use-import';

const shownProblems = 200;

function Counts({ preview }: { preview: ImportPreview }) {
  return (
    <Group gap="xs">
      <Badge color="gray" variant="light" tt="none">
        {preview.rows.toLocaleString()} rows
      </Badge>
      <Badge color="teal" variant="light" tt="none">
        {preview.inserts.toLocaleString()} new
      </Badge>
      <Badge color="indigo" variant="light" tt="none">
        {preview.updates.toLocaleString()} to update
      </Badge>
      <Badge color="gray" variant="light" tt="none">
        {preview.skips.toLocaleString()} to skip
      </Badge>
      <Badge color={preview.invalid > 0 ? 'red' : 'gray'} variant="light" tt="none">
        {preview.invalid.toLocaleString()} with problems
      </Badge>
    </Group>
  );
}

/** A row's assessment in a few words: its scores' range, TC and the day, or "none". */
function assessmentText(fields: FieldSpec[], row: OrgRow): string {
  const scores = fields
    .filter((f) => f.name !== TALENT_CONCENTRATION && f.name !== ASSESSED_ON)
    .map((f) => row[f.name])
    .filter((v): v is number => typeof v === 'number');
  if (scores.length === 0) return 'none';
  const [low, high] = [Math.min(...scores), Math.max(...scores)];
  const range = low === high ? String(low) : `${low}–${high}`;
  return `${scores.length} scores ${range} · TC ${String(row[TALENT_CONCENTRATION])} · ${String(row[ASSESSED_ON])}`;
}

/** What the import will do: the first rows as they will be stored, and every problem by row and column. */
export function PreviewStep({ state, fields }: { state: ImportState; fields: FieldSpec[] }) {
  const { preview } = state;
  if (preview === null) return null;
  // The sector has its own column already; the id of a new row is made on import.
  const sectorColumns = ['organization_id', 'focus_group_id', 'sector_name', 'sector_code'];
  const assessment = fields.filter((f) => f.assessment === true);
  const assessed = state.mapping.some((c) => assessment.some((f) => f.name === c));
  const mapped = state.mapping
    .filter(
      (c): c is string => c !== null && !sectorColumns.includes(c) && !assessment.some((f) => f.name === c),
    )
    .slice(0, 6);
  const refused = preview.invalid > 0 && !state.validRows;
  const importing = preview.inserts + preview.updates;
  return (
    <Stack gap="md">
      <Counts preview={preview} />
      {preview.problem_count > 0 ? (
        <>
          <Alert color={refused ? 'red' : 'orange'} icon={<IconAlertTriangle size={18} />} p="sm">
            {refused
              ? `${preview.invalid.toLocaleString()} rows have problems, so nothing will be imported. Fix them in the file, or go back and choose to import the valid rows only.`
              : `${preview.invalid.toLocaleString()} rows have problems: they will be left out and saved with their reasons.`}
          </Alert>
          <Table.ScrollContainer minWidth={500} mah={220}>
            <Table stickyHeader aria-label="Problems" verticalSpacing={2} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Row</Table.Th>
                  <Table.Th w={180}>Column</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.problems.slice(0, shownProblems).map((p, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{p.row}</Table.Td>
                    <Table.Td>{p.column}</Table.Td>
                    <Table.Td>{p.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {preview.problem_count > shownProblems && (
            <Text size="xs" c="dimmed">
              … and {(preview.problem_count - shownProblems).toLocaleString()} more problems (all of them are
              in the rejected rows’ file).
            </Text>
          )}
        </>
      ) : (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} p="sm">
          Every row is valid.
        </Alert>
      )}
      {preview.sample.length > 0 && (
        <>
          <Title order={3} size="h6">
            The first rows as they will be stored
          </Title>
          <Table.ScrollContainer minWidth={500} mah={200}>
            <Table aria-label="Rows as stored" verticalSpacing={2} fz="sm" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{columnLabel('sector_name')}</Table.Th>
                  {mapped.map((c) => (
                    <Table.Th key={c}>{columnLabel(c)}</Table.Th>
                  ))}
                  {assessed && <Table.Th>Assessment</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.sample.map((row, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{String(row.sector_name ?? '')}</Table.Td>
                    {mapped.map((c) => (
                      <Table.Td key={c}>{showValue(c, row[c] ?? null).text}</Table.Td>
                    ))}
                    {assessed && <Table.Td>{assessmentText(assessment, row)}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={state.back}>
          Back to the mapping
        </Button>
        <Button onClick={() => void state.start()} disabled={refused || importing === 0} loading={state.busy}>
          {refused
            ? 'Nothing to import'
            : `Import ${importing.toLocaleString()} ${importing === 1 ? 'row' : 'rows'}`}
        </Button>
      </Group>
    </Stack>
  );
}
