import { Badge, Group, Text } from '@mantine/core';
import type { OrgValue } from '../../../../shared/domain';

const money = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** Years and codes read wrong with thousands separators. */
function isRawNumber(column: string): boolean {
  return /(_year|_code|_number|_id)$/.test(column);
}

export function OrgCell({ column, value }: { column: string; value: OrgValue }) {
  if (value === null) {
    return (
      <Text span size="sm" c="gray.5" aria-label="empty">
        —
      </Text>
    );
  }
  if (typeof value === 'boolean') {
    return (
      <Text span fw={700} c={value ? 'teal.7' : 'red.6'} aria-label={value ? 'yes' : 'no'}>
        {value ? '✓' : '✗'}
      </Text>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0)
      return (
        <Text span size="sm" c="gray.5">
          [ ]
        </Text>
      );
    return (
      <Group gap={4} wrap="nowrap">
        {value.map((item) => (
          <Badge key={item} size="sm" variant="light" color="gray" radius="sm" tt="none">
            {item}
          </Badge>
        ))}
      </Group>
    );
  }
  if (typeof value === 'number') {
    const text = isRawNumber(column)
      ? String(value)
      : column.endsWith('_usd')
        ? money.format(value)
        : decimal.format(value);
    return (
      <Text span size="sm" ff="monospace">
        {text}
      </Text>
    );
  }
  return (
    <Text span size="sm">
      {value}
    </Text>
  );
}
