import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import type { OrgRow, Sector } from '../../../../../shared/domain';
import { useDbStatus } from '../../../state/status';
import { ImportDialog } from '../import/ImportDialog';
import type { GridColumn } from '../grid-columns';
import { OrgDrawer } from '../OrgDrawer';
import type { RowBlocks } from '../row-blocks';
import { ConflictDialog } from './ConflictDialog';
import { useDeleteRows } from './DeleteDialog';
import { NewOrganization } from './NewOrganization';
import { useOrgFields } from './use-fields';
import { useOrgEdit } from './use-org-edit';

interface Options {
  blocks: RowBlocks;
  sectors: Sector[];
  columns: GridColumn[];
  /** Reads the view again after rows come or go. */
  onChanged: () => void;
}

/**
 * Everything that changes organizations from the section: the fields and their rules, saving an edit
 * (the row replaced in place), New organization (Alt+N), Import, Delete with Undo, and the dialogs
 * they open, the row drawer among them.
 */
export function useOrgEditing({ blocks, sectors, columns, onChanged }: Options) {
  const fields = useOrgFields();
  const [opened, setOpened] = useState<OrgRow | null>(null);
  // A saved row replaces the drawer's when the drawer shows that organization; a delete closes it.
  const onRow = (row: OrgRow | null) =>
    setOpened((current) =>
      row === null ? null : current?.organization_id === row.organization_id ? row : current,
    );
  const { refresh: refreshStatus } = useDbStatus();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const changed = () => {
    onChanged();
    void refreshStatus();
  };
  const edit = useOrgEdit((row) => {
    blocks.replace(row);
    onRow(row);
  });
  const remove = useDeleteRows(() => {
    onRow(null);
    changed();
  });
  useHotkeys([['alt+N', () => setAdding(true)]]);
  const ownAttributes = columns
    .filter((c) => opened !== null && c.focus_group_id !== null && c.focus_group_id === opened.focus_group_id)
    .map((c) => c.name);
  const dialogs = (
    <>
      <OrgDrawer
        row={opened}
        attributeColumns={ownAttributes}
        onClose={() => setOpened(null)}
        fields={fields}
        sectors={sectors}
        save={edit.save}
        onDelete={(row) => remove.ask([row])}
      />
      <NewOrganization
        opened={adding}
        fields={fields}
        sectors={sectors}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          changed();
        }}
      />
      <ImportDialog
        opened={importing}
        fields={fields}
        onClose={() => setImporting(false)}
        onImported={changed}
      />
      <ConflictDialog
        conflict={edit.conflict}
        fields={fields}
        onKeepMine={() => void edit.keepMine()}
        onTakeTheirs={edit.keepTheirs}
      />
      {remove.dialog}
    </>
  );
  return {
    open: (row: OrgRow) => setOpened(row),
    fields,
    save: edit.save,
    remove: remove.ask,
    openNew: () => setAdding(true),
    openImport: () => setImporting(true),
    dialogs,
  };
}
