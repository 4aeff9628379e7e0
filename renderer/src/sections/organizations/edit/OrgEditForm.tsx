import { Alert, Button, Group, Loader, Stack } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import type { OrgRow, Sector } from '../../../../../shared/domain';
import { droppedBySectorChange, type FieldSpec } from '../../../../../shared/org-fields';
import { useEffect, useEffectEvent, useState } from 'react';
import { call, notifyError, useAction } from '../../../api/bridge';
import { fieldColumn, showValue } from '../grid/cell-format';
import { focusFirstError } from './focus-error';
import { OrgFields } from './OrgFields';
import { useOrgForm } from './use-org-form';
import type { SaveOutcome } from './use-org-edit';

interface Props {
  row: OrgRow;
  fields: FieldSpec[];
  sectors: Sector[];
  save: (row: OrgRow, values: Record<string, OrgRow[string]>) => Promise<SaveOutcome>;
  onDone: () => void;
}

/**
 * The row drawer's edit form, on the organization as the database holds it now: the grid's row has
 * no assessment, the form edits it too.
 */
export function OrgEditForm(props: Props) {
  const { row, onDone } = props;
  const [stored, setStored] = useState<OrgRow | null>(null);
  const gone = useEffectEvent(onDone);
  useEffect(() => {
    let current = true;
    void call('orgs:get', { organization_id: String(row.organization_id) }).then((found) => {
      if (!current) return;
      if (found === null) gone();
      else setStored(found);
    });
    return () => {
      current = false;
    };
  }, [row.organization_id]);
  if (stored === null) return <Loader size="sm" aria-label="Reading the organization" />;
  return <EditForm {...props} row={stored} />;
}

/**
 * A new sector moves the organization's attribute row; what the move drops (the old sector's values)
 * is listed before Save, which then says so.
 */
function EditForm({ row, fields, sectors, save, onDone }: Props) {
  const form = useOrgForm(fields, row);
  const [saving, run] = useAction();
  const dropped = form.sector === null ? [] : droppedBySectorChange(fields, row, form.sector);
  const to = sectors.find((s) => s.focus_group_id === form.sector)?.group_name ?? form.sector;
  const submit = () =>
    run(async () => {
      const values = form.read();
      if (values === null) return focusFirstError();
      if (Object.keys(values).length === 0) return onDone();
      const outcome = await save(row, values);
      if ('error' in outcome) {
        if (form.refuse(outcome.error)) return focusFirstError();
        return notifyError(outcome.error);
      }
      onDone();
    });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <OrgFields form={form} sectors={sectors} focus="name" />
        {dropped.length > 0 && (
          <Alert
            color="orange"
            icon={<IconArrowsExchange size={18} />}
            title={`Moving to ${to} drops these values`}
          >
            {dropped.map((f) => `${f.label}: ${showValue(fieldColumn(f), row[f.name]).text}`).join(' · ')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={saving} color={dropped.length > 0 ? 'orange' : undefined}>
            {dropped.length > 0 ? `Move to ${to} and save` : 'Save'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
