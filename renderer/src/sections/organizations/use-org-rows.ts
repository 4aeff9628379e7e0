import { useEffect, useState } from 'react';
import type { OrgSelection } from '../../../../shared/org-query';
import { bridge, notifyError } from '../../api/bridge';
import type { FetchRows } from './row-blocks';
import { useRowBlocks } from './use-row-blocks';

const fetchRows: FetchRows = (selection, start, count, signal) =>
  bridge.invoke('orgs:rows', { ...selection, start, count }, signal);

/**
 * The rows of the selection, read again on request and whenever the number of organizations changes
 * (inserted here, by the CLI or another window); a failed read is shown as it comes.
 */
export function useOrgRows(selection: OrgSelection | null, organizations: number | undefined) {
  const [refreshes, setRefreshes] = useState(0);
  const [blocks, snapshot] = useRowBlocks(fetchRows, selection, refreshes);
  const [seen, setSeen] = useState(organizations);
  if (organizations !== seen) {
    setSeen(organizations);
    if (seen !== undefined) setRefreshes((n) => n + 1);
  }
  useEffect(() => {
    if (snapshot.error !== null) notifyError(snapshot.error);
  }, [snapshot.error]);
  return { blocks, snapshot, refresh: () => setRefreshes((n) => n + 1) };
}
