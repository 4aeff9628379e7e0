import { Button, Group, Popover, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconUserEdit } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { authorName } from '../../../shared/contract';
import type { AuthorInfo } from '../../../shared/domain';
import { call } from '../api/bridge';
import { saveAuthor, useSavedAuthor } from '../state/author';

const sourceText: Record<AuthorInfo['source'], string> = {
  setting: 'set for this app',
  environment: 'from SECTOR_STUDIO_AUTHOR',
  'database role': 'your PostgreSQL role',
  'system user': 'your user name on this computer',
};

/** The editor of the analyst's name: checked as the backend checks it, said in place when refused. */
function AuthorForm({
  saved,
  fallback,
  onDone,
}: {
  saved: string | null;
  fallback: AuthorInfo | null;
  onDone: () => void;
}) {
  const [text, setText] = useState(saved ?? '');
  const parsed = authorName.safeParse(text);
  const error = text === '' || parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a name');
  return (
    <Stack gap="xs" w={300}>
      <TextInput
        label="Your name in the history"
        description="Every change you save from this app is recorded under it."
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={error}
        maxLength={100}
        data-autofocus
      />
      <Group justify="space-between" gap="xs">
        <Button
          size="xs"
          variant="subtle"
          disabled={saved === null}
          onClick={() => {
            saveAuthor(null);
            onDone();
          }}
        >
          {fallback === null ? 'Use the default' : `Use ${fallback.author}`}
        </Button>
        <Button
          size="xs"
          disabled={!parsed.success}
          onClick={() => {
            if (parsed.success) saveAuthor(parsed.data);
            onDone();
          }}
        >
          Save name
        </Button>
      </Group>
      {fallback !== null && (
        <Text size="xs" c="dimmed">
          Without a name set here, changes are saved as {fallback.author} ({sourceText[fallback.source]}).
        </Text>
      )}
    </Stack>
  );
}

/** "Saving as …" in the header: who this window's changes are recorded under, and a way to change it. */
export function AuthorMenu() {
  const saved = useSavedAuthor();
  const [fallback, setFallback] = useState<AuthorInfo | null>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    void call('author:default', {}).then(setFallback);
  }, []);
  const shown = saved ?? fallback?.author ?? '…';
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Tooltip label="The name your changes are saved under">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconUserEdit size={14} />}
            onClick={() => setOpened((o) => !o)}
            aria-label={`Saving as ${shown}: change`}
          >
            Saving as {shown}
          </Button>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        {opened && <AuthorForm saved={saved} fallback={fallback} onDone={() => setOpened(false)} />}
      </Popover.Dropdown>
    </Popover>
  );
}
