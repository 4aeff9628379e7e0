import { useEffect, useState, useSyncExternalStore } from 'react';
import type { OrgSelection } from '../../../../shared/org-query';
import { RowBlocks, type BlockSnapshot, type FetchRows } from './row-blocks';

/** One RowBlocks for the component's life, re-read whenever the selection (or `refreshes`) changes. */
export function useRowBlocks(
  fetchRows: FetchRows,
  selection: OrgSelection | null,
  refreshes: number,
): [RowBlocks, BlockSnapshot] {
  const [blocks] = useState(() => new RowBlocks(fetchRows));
  const key = JSON.stringify(selection);
  useEffect(() => {
    blocks.reset(key === 'null' ? null : (JSON.parse(key) as OrgSelection));
  }, [blocks, key, refreshes]);
  const snapshot = useSyncExternalStore(blocks.subscribe, blocks.getSnapshot);
  return [blocks, snapshot];
}
