import { Button, Group, Select } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { orgStatuses, type OrgStatus } from '../../../../shared/org-query';
import type { FocusGroup } from '../../../../shared/domain';
import { sectorOptions } from '../../state/sectors';
import { NameSearch } from './NameSearch';
import type { OrgFilter } from './use-org-pager';

const all = 'all';

interface Props {
  sectors: FocusGroup[];
  filter: OrgFilter;
  loading: boolean;
  onChange: (next: Partial<OrgFilter>) => void;
  onFetch: () => void;
}

function isStatus(value: string | null): value is OrgStatus {
  return (orgStatuses as readonly (string | null)[]).includes(value);
}

/** Sector, status and name: every filter runs in SQL, and each change goes back to the first page. */
export function OrgFilters({ sectors, filter, loading, onChange, onFetch }: Props) {
  return (
    <Group align="flex-end">
      <Select
        label="Filter Organizations by Sector"
        data={[{ value: all, label: 'All Sectors' }, ...sectorOptions(sectors)]}
        value={filter.focus_group_id ?? all}
        onChange={(value) => onChange({ focus_group_id: value === null || value === all ? null : value })}
        allowDeselect={false}
        w={260}
      />
      <Select
        label="Filter by Status"
        data={[
          { value: all, label: 'All statuses' },
          ...orgStatuses.map((status) => ({
            value: status,
            label: status[0]?.toUpperCase() + status.slice(1),
          })),
        ]}
        value={filter.status ?? all}
        onChange={(value) => onChange({ status: isStatus(value) ? value : null })}
        allowDeselect={false}
        w={160}
      />
      <NameSearch onSearch={(search) => onChange({ search })} />
      <Button leftSection={<IconRefresh size={18} />} loading={loading} onClick={onFetch}>
        Fetch Unified Organization Data
      </Button>
    </Group>
  );
}
