import { Anchor, Badge, Button, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { OrgRow, OrgValue, Sector } from '../../../../shared/domain';
import type { FieldSpec } from '../../../../shared/org-fields';
import { columnLabel } from '../../../../shared/labels';
import { DrawerScore } from '../rankings/DrawerScore';
import { describeValue } from './cell-text';
import { fieldColumn, showValue } from './grid/cell-format';
import { OrgEditForm } from './edit/OrgEditForm';
import type { SaveOutcome } from './edit/use-org-edit';

interface Props {
  row: OrgRow | null;
  /** The row's own sector's attribute columns, in the view's order. */
  attributeColumns: string[];
  onClose: () => void;
  fields: FieldSpec[];
  sectors: Sector[];
  save: (row: OrgRow, values: Record<string, OrgValue>) => Promise<SaveOutcome>;
  onDelete: (row: OrgRow) => void;
}

const coreFacts = [
  'display_name',
  'ticker_symbol',
  'annual_revenue_usd',
  'employee_count',
  'founding_year',
  'headquarters_city',
  'headquarters_state',
  'headquarters_country',
  'website_url',
  'primary_sic_code',
  'primary_naics_code',
  'cik_number',
  'duns_number',
  'organization_id',
  'created_at',
  'updated_at',
  'created_by',
];

function Value({ column, value, field }: { column: string; value: OrgValue; field?: FieldSpec }): ReactNode {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return (
        <Text span inherit c="dimmed">
          none
        </Text>
      );
    }
    return (
      <Group gap={4}>
        {value.map((item) => (
          <Badge key={item} variant="light" color="indigo" tt="none">
            {item}
          </Badge>
        ))}
      </Group>
    );
  }
  if (value === null) {
    return (
      <Text span inherit c="dimmed">
        —
      </Text>
    );
  }
  if (typeof value === 'number') {
    // Every digit here; the grid rounds money to its magnitude.
    const shown = showValue(field ? fieldColumn(field) : column, value);
    return shown.full ?? shown.text;
  }
  if (column === 'website_url' && typeof value === 'string' && /^https?:\/\//.test(value)) {
    return (
      <Anchor href={value} target="_blank" rel="noreferrer noopener" inherit>
        {value}
      </Anchor>
    );
  }
  return describeValue(value);
}

interface FactsProps {
  caption: string;
  columns: string[];
  row: OrgRow;
  fields: FieldSpec[];
}

function Facts({ caption, columns, row, fields }: FactsProps) {
  return (
    <Table aria-label={caption} variant="vertical" layout="fixed" withTableBorder fz="sm">
      <Table.Tbody>
        {columns.map((column) => (
          <Table.Tr key={column}>
            <Table.Th w={200}>{columnLabel(column)}</Table.Th>
            <Table.Td>
              <Value
                column={column}
                value={row[column] ?? null}
                field={fields.find((f) => f.name === column)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One organization: its core facts, then its own sector's attributes by their human labels; Edit turns them into a form. */
export function OrgDrawer({ row, attributeColumns, onClose, fields, sectors, save, onDelete }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const sector = typeof row?.sector_name === 'string' ? row.sector_name : 'Sector';
  const isEditing = row !== null && editing === row.organization_id;
  return (
    <Drawer
      opened={row !== null}
      onClose={() => {
        setEditing(null);
        onClose();
      }}
      position="right"
      size="lg"
      title={row === null ? null : String(row.legal_name)}
      styles={{ title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 700 } }}
    >
      {row !== null && isEditing && (
        <OrgEditForm
          row={row}
          fields={fields}
          sectors={sectors}
          save={save}
          onDone={() => setEditing(null)}
        />
      )}
      {row !== null && !isEditing && (
        <Stack gap="lg">
          <Group gap="xs" justify="space-between">
            <Group gap="xs">
              <Badge color="indigo">{sector}</Badge>
              <Badge color={row.status === 'active' ? 'teal' : 'gray'} variant="light">
                {String(row.status)}
              </Badge>
            </Group>
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconTrash size={14} />}
                onClick={() => onDelete(row)}
              >
                Delete
              </Button>
              <Button
                size="xs"
                leftSection={<IconPencil size={14} />}
                disabled={fields.length === 0}
                onClick={() => setEditing(String(row.organization_id))}
              >
                Edit
              </Button>
            </Group>
          </Group>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {sector} attributes
            </Title>
            <Facts caption={`${sector} attributes`} columns={attributeColumns} row={row} fields={fields} />
          </Stack>
          {typeof row.organization_id === 'string' && <DrawerScore organizationId={row.organization_id} />}
          <Stack gap="xs">
            <Title order={3} size="h4">
              Organization
            </Title>
            <Facts caption="Organization facts" columns={coreFacts} row={row} fields={fields} />
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
