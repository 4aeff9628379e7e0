import { Button, Group, Select, Text, type ComboboxItem } from '@mantine/core';
import { IconFilterPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { OrgFacet } from '../../../../shared/org-facets';
import { orgStatuses } from '../../../../shared/org-query';
import { sectorOptions } from '../../state/sectors';
import type { RefObject } from 'react';
import { facetCount, facetTotal, useFacet } from './use-facet';
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

/** An option of a filter menu with its count under the rest of the filter ("Healthcare 142,858"). */
function withCount(facet: OrgFacet | null) {
  return function FacetOption({ option }: { option: ComboboxItem }): ReactNode {
    const n = option.value === all ? facetTotal(facet) : facetCount(facet, option.value);
    return (
      <Group justify="space-between" gap="md" wrap="nowrap" w="100%">
        <span>{option.label}</span>
        {n !== null && (
          <Text span size="xs" c="dimmed" className="facet-count">
            {n}
          </Text>
        )}
      </Group>
    );
  };
}

/** The filters every view has: sector, status and name, and the way to add a column filter. */
export function OrgToolbar({ view, sectors, onChange, onAddFilter, addFilterRef }: Props) {
  const [open, setOpen] = useState<'focus_group_id' | 'status' | null>(null);
  const sectorFacet = useFacet(view, 'focus_group_id', open === 'focus_group_id');
  const statusFacet = useFacet(view, 'status', open === 'status');
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
        comboboxProps={{ width: 260, position: 'bottom-start' }}
        onDropdownOpen={() => setOpen('focus_group_id')}
        onDropdownClose={() => setOpen(null)}
        renderOption={withCount(sectorFacet)}
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
        comboboxProps={{ width: 200, position: 'bottom-start' }}
        onDropdownOpen={() => setOpen('status')}
        onDropdownClose={() => setOpen(null)}
        renderOption={withCount(statusFacet)}
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
