import { Group, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { SectorDetails } from '../../../../shared/domain';
import { formatCalibration, formatWeight } from '../../../../shared/sector-config';
import { formatMoment, localOffset } from '../../format';
import { readAsOf, type AsOfDraft } from './as-of-input';
import { CalibrationName } from './labels';
import { useSectorDetails } from './use-sector-details';

/** What was in force then, beside now's value; a value that differs is in bold. */
function AsOfTable({ then, now }: { then: SectorDetails; now: SectorDetails }) {
  const rows = [
    ...then.weights.map((w) => ({
      key: `w:${w.dimension_code}`,
      name: <>{w.dimension_name}</>,
      then: formatWeight(w.weight),
      now: formatWeight(now.weights.find((n) => n.dimension_code === w.dimension_code)?.weight ?? 0),
    })),
    ...then.calibrations.map((c) => {
      const current = now.calibrations.find((n) => n.parameter_name === c.parameter_name);
      return {
        key: `c:${c.parameter_name}`,
        name: <CalibrationName name={c.parameter_name} />,
        then: formatCalibration(c.value),
        now: current === undefined ? '—' : formatCalibration(current.value),
      };
    }),
  ];
  const label = then.config.as_of;
  return (
    <Table verticalSpacing={4} fz="sm" aria-label="Configuration in force">
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
        In force at{' '}
        <b>
          {label === null
            ? 'this moment'
            : label.length > 10
              ? formatMoment(label)
              : `the end of ${label} (UTC)`}
        </b>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            <VisuallyHidden>Setting</VisuallyHidden>
          </Table.Th>
          <Table.Th ta="right">then</Table.Th>
          <Table.Th ta="right">now</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Td>{row.name}</Table.Td>
            <Table.Td ta="right" ff="monospace" fw={row.then === row.now ? 400 : 700}>
              {row.then}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" c="dimmed">
              {row.now}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Said({ text }: { text: string }) {
  return (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
}

interface Props {
  sectorId: string;
  version: number;
  /** The sector's first change set's time: a moment before it is refused in place. */
  firstChange: string | null;
  /** The moment read (null: now), for the timeline's marker. */
  onRead: (asOf: string | null) => void;
}

/**
 * "As of": a day (YYYY-MM-DD) and, if wanted, a time of that day in this computer's zone; what was
 * in force then, same-day changes included. A value the fields refuse is said beside them, and the
 * table then shows nothing rather than today's values under the refused date.
 */
export function AsOfPanel({ sectorId, version, firstChange, onRead }: Props) {
  const [draft, setDraft] = useState<AsOfDraft>({ date: new Date().toISOString().slice(0, 10), time: '' });
  const reading = readAsOf(draft, firstChange, new Date());
  const asOf = reading.ok ? reading.asOf : null;
  const now = useSectorDetails(sectorId, version);
  const then = useSectorDetails(sectorId, version, reading.ok ? asOf : null);
  const type = (field: keyof AsOfDraft) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const next = { ...draft, [field]: event.currentTarget.value };
    setDraft(next);
    const read = readAsOf(next, firstChange, new Date());
    onRead(read.ok ? read.asOf : null);
  };
  const zone = localOffset(new Date());
  return (
    <>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <TextInput
          label="Configuration as of"
          placeholder="YYYY-MM-DD"
          value={draft.date}
          onChange={type('date')}
          error={!reading.ok && reading.field === 'date' ? reading.error : null}
          inputMode="numeric"
          autoComplete="off"
          w={190}
        />
        <TextInput
          label="Time (optional)"
          placeholder="HH:MM"
          value={draft.time}
          onChange={type('time')}
          error={!reading.ok && reading.field === 'time' ? reading.error : null}
          inputMode="numeric"
          autoComplete="off"
          w={150}
        />
      </Group>
      <Text size="xs" c="dimmed" mt={4} mb="sm">
        A day alone means its end (UTC, as effective dates are kept); a time is yours (UTC
        {zone === 'Z' ? '' : zone}).
      </Text>
      {!reading.ok ? (
        <Said text="Nothing to show until the day and time name a moment this sector has a version for." />
      ) : then.error !== null ? (
        <Said text={`${then.error}.`} />
      ) : then.details === null || now.details === null ? (
        <Said text="Reading…" />
      ) : (
        <AsOfTable then={then.details} now={now.details} />
      )}
    </>
  );
}
