import type { OrgValue } from '../../shared/domain';
import type { OrgSelection } from '../../shared/org-query';
import { valuesDecoder } from '../core/columns';

/** Rows read and formatted at a time: about 2 MB of CSV. */
export const EXPORT_CHUNK = 2_000;

/** Where an export reads from on SQLite: the view's columns and its rows in keyset chunks. */
export interface ScanSource {
  columns: string[];
  scan(selection: OrgSelection, chunkSize: number): Generator<unknown[][]>;
}

/** The selection's rows in chunks, as typed values (what the export formats on every engine). */
export function* exportRows(
  source: ScanSource,
  selection: OrgSelection,
  chunkSize = EXPORT_CHUNK,
): Generator<OrgValue[][]> {
  const decode = valuesDecoder(source.columns);
  for (const chunk of source.scan(selection, chunkSize)) yield chunk.map(decode);
}
