import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { parameterNamePattern } from '../../../../shared/config-document';
import { calibrationTypes, type CalibrationType, type SectorConfigJson } from '../../../../shared/domain';
import { notifyError, notifySuccess } from '../../api/bridge';
import { useWrite } from '../../api/use-write';
import { shownInPlace } from '../../api/write-errors';
import { BusyNotice } from '../../components/BusyNotice';
import { parseCalibration } from './calibration-input';

interface Props {
  sectorId: string;
  sector: string;
  existing: string[];
  onAdded: (config: SectorConfigJson) => void;
}

/** Adds a calibration parameter to one sector: a new data row, no schema change. */
export function AddCalibration({ sectorId, sector, existing, onAdded }: Props) {
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [type, setType] = useState<CalibrationType>('numeric');
  const [description, setDescription] = useState('');
  const [value, setValue] = useState('');
  const [rationale, setRationale] = useState('');
  const [saving, setSaving] = useState(false);
  const write = useWrite();

  const nameError =
    name === ''
      ? null
      : !parameterNamePattern.test(name)
        ? 'Lower-case letters, digits and _, starting with a letter'
        : existing.includes(name)
          ? `${sector} already has ${name}`
          : null;
  const parsed = value === '' ? null : parseCalibration(value);
  const ready =
    name !== '' &&
    nameError === null &&
    parsed?.ok === true &&
    description.trim() !== '' &&
    rationale.trim() !== '';

  function close() {
    setOpened(false);
    setName('');
    setDescription('');
    setValue('');
    setRationale('');
  }

  async function add() {
    if (!ready || parsed?.ok !== true) return;
    setSaving(true);
    const result = await write.run('config:addCalibration', {
      focus_group_id: sectorId,
      parameter_name: name,
      parameter_type: type,
      description: description.trim(),
      value: parsed.value,
      rationale: rationale.trim(),
    });
    setSaving(false);
    if (!result.ok) {
      if (!shownInPlace(result.error)) notifyError(result.error);
      return;
    }
    onAdded(result.value);
    notifySuccess('Parameter added', `${name} is now ${parsed.value} for ${sector}.`);
    close();
  }

  return (
    <>
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setOpened(true)}>
        Add parameter
      </Button>
      <Modal opened={opened} onClose={close} title={`Add a calibration parameter to ${sector}`} centered>
        <Stack gap="sm">
          <TextInput
            label="Parameter name"
            description="lower_case_words, e.g. governance_minimum"
            value={name}
            onChange={(event) => setName(event.currentTarget.value.trim())}
            error={nameError}
            maxLength={100}
            required
            data-autofocus
          />
          <Select
            label="Type"
            data={calibrationTypes.map((t) => ({ value: t, label: t }))}
            value={type}
            onChange={(next) => next !== null && setType(next as CalibrationType)}
            allowDeselect={false}
          />
          <TextInput
            label="Description"
            description="What the parameter means"
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            maxLength={500}
            required
          />
          <TextInput
            label="Value"
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            inputMode="decimal"
            autoComplete="off"
            error={parsed?.ok === false ? parsed.error : null}
            required
          />
          <TextInput
            label="Rationale"
            description={`Why ${sector} gets this value`}
            value={rationale}
            onChange={(event) => setRationale(event.currentTarget.value)}
            maxLength={500}
            required
          />
          <BusyNotice write={write} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button loading={saving} disabled={!ready} onClick={() => void add()}>
              Add parameter
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
