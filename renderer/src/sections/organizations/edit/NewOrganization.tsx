import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { OrgRow, Sector } from '../../../../../shared/domain';
import type { FieldSpec } from '../../../../../shared/org-fields';
import { bridge, notifyError, notifySuccess, useAction } from '../../../api/bridge';
import { focusFirstError } from './focus-error';
import { OrgFields } from './OrgFields';
import { rememberOwn } from './own-changes';
import { useOrgForm } from './use-org-form';

interface Props {
  fields: FieldSpec[];
  sectors: Sector[];
  onClose: () => void;
  onAdded: (row: OrgRow) => void;
}

/** The form's body: mounted when the dialog opens, so that each new organization starts empty. */
function NewOrganizationForm({ fields, sectors, onClose, onAdded }: Props) {
  const form = useOrgForm(fields, null);
  const [saving, run] = useAction();
  const save = () =>
    run(async () => {
      const values = form.read();
      if (values === null) return focusFirstError();
      const result = await bridge.invoke('orgs:add', { values });
      if (!result.ok) {
        if (form.refuse(result.error)) return focusFirstError();
        return notifyError(result.error);
      }
      rememberOwn(result.value.changes);
      notifySuccess('Organization added', `${String(result.value.row.legal_name)} is in the grid.`);
      onAdded(result.value.row);
    });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Choose the sector first: the form then asks for that sector&apos;s attributes. Each field says what
          it accepts; the database checks the same rules again when you save.
        </Text>
        <OrgFields form={form} sectors={sectors} focus="sector" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saving} disabled={form.sector === null}>
            Add organization
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The New organization dialog (toolbar button, or Alt+N over the section). */
export function NewOrganization(props: Props & { opened: boolean }) {
  const { opened, ...rest } = props;
  return (
    <Modal
      opened={opened}
      onClose={rest.onClose}
      title="New organization"
      size="xl"
      closeOnClickOutside={false}
    >
      {opened && <NewOrganizationForm {...rest} />}
    </Modal>
  );
}
