import { ActionIcon, Button, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconLayoutList, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { defaultView, type GridView, type SavedView } from './view-state';
import { ToolButton } from './ToolButton';

interface Props {
  view: GridView;
  saved: SavedView[];
  onOpen: (view: GridView) => void;
  onSaved: (views: SavedView[]) => void;
}

/** Named views (filter, sort and columns together): save the current one, reopen or delete saved ones. */
export function ViewsMenu({ view, saved, onOpen, onSaved }: Props) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const save = () => {
    const trimmed = name.trim();
    if (trimmed === '') return;
    onSaved([...saved.filter((s) => s.name !== trimmed), { name: trimmed, view }]);
    setNaming(false);
    setName('');
  };
  return (
    <>
      <Menu position="bottom-start" shadow="md" width={260}>
        <Menu.Target>
          <ToolButton icon={<IconLayoutList size={14} />} label="Views" />
        </Menu.Target>
        <Menu.Dropdown aria-label="Views">
          <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={() => setNaming(true)}>
            Save view as…
          </Menu.Item>
          <Menu.Item leftSection={<IconRestore size={14} />} onClick={() => onOpen(defaultView)}>
            Default view
          </Menu.Item>
          {saved.length > 0 && <Menu.Label>Saved views</Menu.Label>}
          {saved.map((entry) => (
            <Group key={entry.name} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => onOpen(entry.view)} style={{ flex: 1 }}>
                {entry.name}
              </Menu.Item>
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={`Delete view ${entry.name}`}
                onClick={() => onSaved(saved.filter((s) => s.name !== entry.name))}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title="Save this view" centered>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="View name"
              description="Its filters, sort and columns are saved on this computer; a view of the same name is replaced."
              value={name}
              maxLength={80}
              onChange={(event) => setName(event.currentTarget.value)}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={name.trim() === ''}>
                Save view
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
