import { Button, Group, Menu, Modal, Stack, TextInput, Tooltip } from '@mantine/core';
import {
  IconDeviceFloppy,
  IconFileExport,
  IconFileImport,
  IconLayoutList,
  IconLink,
  IconRestore,
  IconTrash,
} from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { MAX_VIEW_NAME } from '../../../../shared/saved-views';
import { bridge } from '../../api/bridge';
import { rescueFocus } from '../../focus';
import { notifyCopied } from './notify-copied';
import { ToolButton } from './ToolButton';
import type { SharedViews } from './use-shared-views';
import { viewHref } from './view-url';
import { defaultView, type GridView } from './view-state';

interface Props {
  view: GridView;
  shared: SharedViews;
  onOpen: (view: GridView) => void;
}

function SaveDialog({
  opened,
  onSave,
  onClose,
  onClosed,
}: {
  opened: boolean;
  onSave: (name: string) => void;
  onClose: () => void;
  onClosed: () => void;
}) {
  const [name, setName] = useState('');
  const save = () => {
    if (name.trim() === '') return;
    onSave(name.trim());
    setName('');
  };
  return (
    <Modal opened={opened} onClose={onClose} onExitTransitionEnd={onClosed} title="Save this view" centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="View name"
            description="Its filters, sort and columns are saved in the database, for every window and everyone on it; a view of the same name is replaced."
            value={name}
            maxLength={MAX_VIEW_NAME}
            onChange={(event) => setName(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={name.trim() === ''}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Named views (filter, sort and columns together), kept in the database: save the current one, reopen
 * or delete saved ones, pass them on as a file or the current one as a link. The list is read again
 * each time the menu opens, so that another window's or instance's views appear.
 */
export function ViewsMenu({ view, shared, onOpen }: Props) {
  const [naming, setNaming] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const copyLink = () => notifyCopied(bridge.linkTo(viewHref(view)), 'the link to this view');
  return (
    <>
      <Menu position="bottom-start" shadow="md" width={280} onOpen={shared.refresh}>
        <Menu.Target>
          <ToolButton ref={button} icon={<IconLayoutList size={14} />} label="Views" />
        </Menu.Target>
        <Menu.Dropdown aria-label="Views">
          <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={() => setNaming(true)}>
            Save view as…
          </Menu.Item>
          <Menu.Item leftSection={<IconRestore size={14} />} onClick={() => onOpen(defaultView)}>
            Default view
          </Menu.Item>
          <Menu.Item leftSection={<IconLink size={14} />} onClick={copyLink}>
            Copy link to this view
          </Menu.Item>
          {shared.views.length > 0 && <Menu.Label>Saved views</Menu.Label>}
          {shared.views.map((entry) => (
            <Group key={entry.name} gap={4} wrap="nowrap" pr={4}>
              <Menu.Item onClick={() => onOpen(entry.view)} style={{ flex: 1 }}>
                {entry.name}
              </Menu.Item>
              {/* A menu item too: a menu may hold only items (a plain button in it was axe-critical). */}
              <Tooltip label={`Delete view ${entry.name}`}>
                <Menu.Item
                  w="auto"
                  color="red"
                  aria-label={`Delete view ${entry.name}`}
                  closeMenuOnClick={false}
                  onClick={() => void shared.remove(entry.name)}
                >
                  <IconTrash size={14} />
                </Menu.Item>
              </Tooltip>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconFileExport size={14} />} onClick={() => void shared.exportFile()}>
            Export views…
          </Menu.Item>
          <Menu.Item leftSection={<IconFileImport size={14} />} onClick={() => file.current?.click()}>
            Import views…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {/* Outside the menu, which is gone by the time the analyst has picked a file. */}
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Views file to import"
        onChange={(event) => {
          const chosen = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (chosen !== undefined) void shared.importFile(chosen);
        }}
      />
      <SaveDialog
        opened={naming}
        onSave={(name) => {
          void shared.save(name, view);
          setNaming(false);
        }}
        onClose={() => setNaming(false)}
        onClosed={() => rescueFocus(button.current)}
      />
    </>
  );
}
