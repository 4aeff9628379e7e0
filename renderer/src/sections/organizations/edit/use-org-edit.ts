import { useState } from 'react';
import type { OrgRow, OrgValue } from '../../../../../shared/domain';
import type { ErrorValue } from '../../../../../shared/errors';
import { bridge, notifyError } from '../../../api/bridge';
import type { Conflict } from './ConflictDialog';
import { rememberOwn } from './own-changes';

export type SaveOutcome = { saved: OrgRow } | { conflict: true } | { error: ErrorValue };

/**
 * Saving an edit on the version the row had on screen. When someone saved first, the conflict is
 * kept for the dialog: "Keep mine" saves the same values on their version, "Keep theirs" shows theirs.
 */
export function useOrgEdit(onRow: (row: OrgRow) => void) {
  const [conflict, setConflict] = useState<Conflict | null>(null);

  async function save(row: OrgRow, mine: Record<string, OrgValue>): Promise<SaveOutcome> {
    const result = await bridge.invoke('orgs:update', {
      organization_id: String(row.organization_id),
      version: String(row.updated_at),
      values: mine,
    });
    if (!result.ok) return { error: result.error };
    if (result.value.status === 'saved') {
      rememberOwn(result.value.changes);
      onRow(result.value.row);
      return { saved: result.value.row };
    }
    setConflict({ row, mine, current: result.value.current });
    return { conflict: true };
  }

  return {
    save,
    conflict,
    keepMine: async () => {
      const current = conflict?.current ?? null;
      const mine = conflict?.mine ?? {};
      setConflict(null);
      if (current === null) return;
      const outcome = await save(current, mine);
      if ('error' in outcome) notifyError(outcome.error);
    },
    keepTheirs: () => {
      if (conflict?.current) onRow(conflict.current);
      setConflict(null);
    },
  };
}
