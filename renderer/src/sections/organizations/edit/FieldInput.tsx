import { Select, TagsInput, TextInput } from '@mantine/core';
import { describeRule, type FieldSpec } from '../../../../../shared/org-fields';
import type { Sector } from '../../../../../shared/domain';
import { sectorOptions } from '../../../state/sectors';
import type { FormValue } from './form-values';

interface Props {
  spec: FieldSpec;
  value: FormValue | undefined;
  error: string | undefined;
  sectors: Sector[];
  onChange: (value: FormValue) => void;
  /** Checks the field when the analyst leaves it. */
  onBlur: () => void;
  autoFocus?: boolean;
}

const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/**
 * One column's input, chosen by its type: a select for a CHECK's values, a sector and yes/no, tags for
 * a list, text for the rest (numbers too, so that "1,200" and "12.5" read as typed and a wrong one
 * gets words, not a silently dropped character). The rule shows under it.
 */
export function FieldInput({ spec, value, error, sectors, onChange, onBlur, autoFocus }: Props) {
  const common = {
    label: spec.label,
    description: describeRule(spec),
    error,
    required: spec.required,
    disabled: !spec.editable,
    onBlur,
    autoFocus,
    size: 'sm' as const,
  };
  const text = typeof value === 'string' ? value : '';
  switch (spec.kind) {
    case 'sector':
      return (
        <Select
          {...common}
          data={sectorOptions(sectors)}
          value={text || null}
          onChange={(v) => onChange(v ?? '')}
          allowDeselect={false}
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          data={(spec.options ?? []).map((o) => ({ value: o, label: o[0]?.toUpperCase() + o.slice(1) }))}
          value={text || null}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          data={yesNo}
          value={text || null}
          onChange={(v) => onChange(v ?? '')}
          clearable
          placeholder="—"
        />
      );
    case 'array':
      return (
        <TagsInput
          {...common}
          value={Array.isArray(value) ? value : []}
          onChange={onChange}
          placeholder="Type an item, then Enter"
          splitChars={[';', ',']}
          clearable
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={text}
          inputMode={spec.kind === 'integer' || spec.kind === 'decimal' ? 'decimal' : undefined}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}
