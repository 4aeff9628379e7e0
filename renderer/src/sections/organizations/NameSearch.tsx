import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';

/** Searches as the analyst types, one query per pause rather than per keystroke. */
export function NameSearch({
  value,
  onSearch,
}: {
  value: string | null;
  onSearch: (search: string | null) => void;
}) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  // A chip removed elsewhere clears the box too.
  if (value !== shown) {
    setShown(value);
    setText(value ?? '');
  }
  const search = useDebouncedCallback(
    (next: string) => onSearch(next.trim() === '' ? null : next.trim()),
    300,
  );
  return (
    <TextInput
      aria-label="Search by name"
      placeholder="Search by name"
      leftSection={<IconSearch size={16} />}
      value={text}
      maxLength={200}
      size="xs"
      onChange={(event) => {
        setText(event.currentTarget.value);
        search(event.currentTarget.value);
      }}
      w={200}
    />
  );
}
