import type { GridColumn } from '../grid-columns';
import type { RowBlocks } from '../row-blocks';
import { copyText, type CopyOptions } from './copy-text';
import type { CellRange } from './keys';

/** The most rows one Ctrl+C copies. */
const COPY_LIMIT = 10_000;

/** What a copy puts on the clipboard (empty when refused) and how the notification names it. */
interface Copied {
  text: string;
  what: string;
}

/** A rectangle of cells as text to paste, reading rows not yet loaded; null if a read failed. */
export async function copyCells(
  area: CellRange,
  blocks: RowBlocks,
  columns: GridColumn[],
  options: CopyOptions,
): Promise<Copied | null> {
  const count = area.bottom - area.top + 1;
  if (count > COPY_LIMIT)
    return { text: '', what: `Select at most ${COPY_LIMIT.toLocaleString()} rows to copy` };
  const names = columns.slice(area.left, area.right + 1);
  const data = await blocks.rows(
    area.top,
    area.bottom,
    names.map((column) => column.name),
  );
  if (data === null) return null;
  const text = copyText(data, names, options);
  const what =
    count === 1 && names.length === 1
      ? (columns[area.left]?.label ?? 'cell')
      : `${count.toLocaleString()} ${count === 1 ? 'row' : 'rows'} × ${names.length} ${names.length === 1 ? 'column' : 'columns'}`;
  return { text, what };
}
