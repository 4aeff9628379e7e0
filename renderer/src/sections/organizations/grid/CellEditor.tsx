import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OrgValue } from '../../../../../shared/domain';
import { describeRule, fieldText, type FieldSpec } from '../../../../../shared/org-fields';

interface Props {
  spec: FieldSpec;
  value: OrgValue;
  /** The last attempt's message (a value that does not read, or the database's refusal). */
  error: string | null;
  /** Refused saves so far: after each, the editor takes the focus back and may save again. */
  refusals: number;
  /** Saves the text; `move` is where the focus goes after (Tab: 1, Shift+Tab: -1, leaving: 0). */
  onCommit: (text: string, move: -1 | 0 | 1) => void;
  onCancel: () => void;
}

const yesNo = [
  ['', '—'],
  ['yes', 'Yes'],
  ['no', 'No'],
];

/**
 * A cell being edited in place: a select for yes/no and a CHECK's values, text for the rest (a list
 * as "a; b"). Enter saves, Escape cancels, Tab and Shift+Tab save and move on, leaving the cell saves.
 */
export function CellEditor({ spec, value, error, refusals, onCommit, onCancel }: Props) {
  const [text, setText] = useState(() => fieldText(value));
  const done = useRef(false);
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => {
    input.current?.focus();
    if (input.current instanceof HTMLInputElement) input.current.select();
    done.current = false;
  }, [refusals]);
  const finish = (move: -1 | 0 | 1) => {
    if (done.current) return;
    done.current = true;
    onCommit(text, move);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(0);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      done.current = true;
      onCancel();
    } else if (event.key === 'Tab') {
      event.preventDefault();
      finish(event.shiftKey ? -1 : 1);
    }
  };
  const common = {
    ref: input,
    className: `og-editor${error === null ? '' : ' og-editor-invalid'}`,
    'aria-label': `Edit ${spec.label}`,
    'aria-invalid': error !== null,
    'aria-describedby': 'og-editor-hint',
    onKeyDown,
    onBlur: () => finish(0),
    onMouseDown: (event: { stopPropagation: () => void }) => event.stopPropagation(),
  };
  const options =
    spec.kind === 'boolean' ? yesNo : spec.kind === 'choice' ? (spec.options ?? []).map((o) => [o, o]) : null;
  return (
    <>
      {options === null ? (
        <input {...common} value={text} onChange={(event) => setText(event.currentTarget.value)} />
      ) : (
        <select {...common} value={text} onChange={(event) => setText(event.currentTarget.value)}>
          {options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      )}
      <div
        id="og-editor-hint"
        role={error === null ? undefined : 'alert'}
        className={`og-editor-hint${error === null ? '' : ' og-editor-error'}`}
      >
        {error ?? `${describeRule(spec)} · Enter saves · Esc cancels`}
      </div>
    </>
  );
}
