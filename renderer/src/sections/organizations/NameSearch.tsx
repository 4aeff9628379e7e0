import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';

/** Searches as the analyst types, one query per pause rather than per keystroke. */
export function NameSearch({ onSearch }: { onSearch: (search: string | null) => void }) {
  const [value, setValue] = useState('');
  const search = useDebouncedCallback(
    (text: string) => onSearch(text.trim() === '' ? null : text.trim()),
    300,
  );
  return (
    <TextInput
      label="Search by name"
      placeholder="e.g. Holdings"
      leftSection={<IconSearch size={16} />}
      value={value}
      maxLength={200}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        search(event.currentTarget.value);
      }}
      w={240}
    />
  );
}
