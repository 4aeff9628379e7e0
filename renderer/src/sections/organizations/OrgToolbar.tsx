import { Button, Group, Select } from '@mantine/core';
import { IconFilterPlus } from '@tabler/icons-react';
import { orgStatuses } from '../../../../shared/org-query';
import { sectorOptions } from '../../state/sectors';
import type { RefObject } from 'react';
import type { Sector } from '../../../../shared/domain';
import { NameSearch } from './NameSearch';
import type { GridView } from './view-state';

const all = 'all';

interface Props {
  view: GridView;
  sectors: Sector[];
  onChange: (next: Partial<GridView>) => void;
  onAddFilter: () => void;
  /** The Add filter button, where the focus goes when the last filter is removed. */
  addFilterRef: RefObject<HTMLButtonElement | null>;
}

/** The filters every view has: sector, status and name, and the way to add a column filter. */
export function OrgToolbar({ view, sectors, onChange, onAddFilter, addFilterRef }: Props) {
  return (
    <Group gap="xs" wrap="wrap" className="org-toolbar">
      <Select
        aria-label="Filter Organizations by Sector"
        data={[{ value: all, label: 'All Sectors' }, ...sectorOptions(sectors)]}
        value={view.focus_group_id ?? all}
        onChange={(value) => onChange({ focus_group_id: value === null || value === all ? null : value })}
        allowDeselect={false}
        size="xs"
        w={190}
      />
      <Select
        aria-label="Filter by Status"
        data={[
          { value: all, label: 'All statuses' },
          ...orgStatuses.map((s) => ({ value: s, label: s[0]?.toUpperCase() + s.slice(1) })),
        ]}
        value={view.status ?? all}
        onChange={(value) => onChange({ status: orgStatuses.find((s) => s === value) ?? null })}
        allowDeselect={false}
        size="xs"
        w={130}
      />
      <NameSearch value={view.search} onSearch={(search) => onChange({ search })} />
      <Button
        ref={addFilterRef}
        size="xs"
        variant="default"
        leftSection={<IconFilterPlus size={14} />}
        onClick={onAddFilter}
      >
        Add filter
      </Button>
    </Group>
  );
}
