import { SimpleGrid, TextInput } from '@mantine/core';

interface Props<K extends string> {
  fields: readonly { key: K; label: string }[];
  draft: Record<K, string>;
  invalid: K | null;
  hint: string;
  onChange: (draft: Record<K, string>) => void;
}

/** A row of what-if values, each typed as text and checked as it is typed. */
export function ValueInputs<K extends string>({ fields, draft, invalid, hint, onChange }: Props<K>) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4, lg: 7 }}>
      {fields.map(({ key, label }) => (
        <TextInput
          key={key}
          label={label}
          value={draft[key]}
          inputMode="decimal"
          error={invalid === key ? hint : undefined}
          onChange={(event) => onChange({ ...draft, [key]: event.currentTarget.value })}
        />
      ))}
    </SimpleGrid>
  );
}
