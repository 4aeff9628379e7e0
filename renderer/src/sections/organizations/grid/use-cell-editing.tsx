import { useState, type ReactNode } from 'react';
import type { OrgRow, OrgValue } from '../../../../../shared/domain';
import type { FieldSpec } from '../../../../../shared/org-fields';
import { readInput } from '../edit/form-values';
import type { SaveOutcome } from '../edit/use-org-edit';
import type { GridColumn } from '../grid-columns';
import type { RowBlocks } from '../row-blocks';
import { CellEditor } from './CellEditor';
import type { Cell } from './keys';

export interface CellEditing {
  /** The cell being edited, or null. */
  cell: Cell | null;
  /** Starts editing `cell` when its column is one a person edits in this row; false otherwise. */
  start: (cell: Cell) => boolean;
  /** The editor for the cell being edited, in `row`; null for every other row. */
  editorFor: (row: number) => ReactNode;
}

interface Options {
  columns: GridColumn[];
  blocks: RowBlocks;
  fields: FieldSpec[];
  save: (row: OrgRow, values: Record<string, OrgValue>) => Promise<SaveOutcome>;
  /** Puts the keyboard focus on a cell (after saving, or on the next cell after Tab). */
  focus: (cell: Cell) => void;
}

/**
 * Editing a cell in place: which cells may be edited (a column the row's own sector holds and a
 * person sets; the sector itself moves attributes, which the drawer explains first), and the editor's
 * lifecycle: a value read by its field's rules before anything is sent, then saved on its version.
 */
export function useCellEditing({ columns, blocks, fields, save, focus }: Options): CellEditing {
  // `refusals` counts refused saves: each one gives the editor back, even with the same message.
  const [editing, setEditing] = useState<{ cell: Cell; error: string | null; refusals: number } | null>(null);
  const refuse = (cell: Cell, error: string) =>
    setEditing((current) => ({ cell, error, refusals: (current?.refusals ?? 0) + 1 }));
  const specAt = (cell: Cell): FieldSpec | null => {
    const row = blocks.rowAt(cell.row);
    const spec = fields.find((f) => f.name === columns[cell.col]?.name);
    if (row === undefined || spec === undefined || !spec.editable || spec.kind === 'sector') return null;
    return spec.sector === null || spec.sector === row.focus_group_id ? spec : null;
  };

  async function commit(cell: Cell, spec: FieldSpec, text: string, move: -1 | 0 | 1) {
    const row = blocks.rowAt(cell.row);
    if (row === undefined) return setEditing(null);
    const read = readInput(spec, text);
    if ('error' in read) return refuse(cell, read.error);
    const next = { row: cell.row, col: Math.min(columns.length - 1, Math.max(0, cell.col + move)) };
    if (JSON.stringify(read.value) !== JSON.stringify(row[spec.name] ?? null)) {
      const outcome = await save(row, { [spec.name]: read.value });
      if ('error' in outcome) return refuse(cell, outcome.error.message);
    }
    setEditing(null);
    focus(next);
  }

  return {
    cell: editing?.cell ?? null,
    start(cell) {
      if (specAt(cell) === null) return false;
      setEditing({ cell, error: null, refusals: 0 });
      return true;
    },
    editorFor(rowIndex) {
      if (editing === null || editing.cell.row !== rowIndex) return null;
      const { cell } = editing;
      const spec = specAt(cell);
      const row = blocks.rowAt(cell.row);
      if (spec === null || row === undefined) return null;
      return (
        <CellEditor
          key={`${cell.row}:${cell.col}`}
          spec={spec}
          value={row[spec.name] ?? null}
          error={editing.error}
          refusals={editing.refusals}
          onCommit={(text, move) => void commit(cell, spec, text, move)}
          onCancel={() => {
            setEditing(null);
            focus(cell);
          }}
        />
      );
    },
  };
}
