import { Button, Card, EmptyState, Group, Select, Stack, Switch, Title } from '@mantine/core';
import { IconBuildingSkyscraper, IconRefresh, IconTableOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { OrgSortColumn } from '../../../shared/contract';
import type { SchemaInfo } from '../../../shared/domain';
import { call } from '../api/bridge';
import { Prerequisite } from '../components/Prerequisite';
import { SectionHeader } from '../components/SectionHeader';
import { sectorOptions, useSectors } from '../state/sectors';
import { columnGroups, sectorOfColumn } from './organizations/column-groups';
import { InsertPanel } from './organizations/InsertPanel';
import { NameSearch } from './organizations/NameSearch';
import { OrgTable } from './organizations/OrgTable';
import { PagerBar } from './organizations/PagerBar';
import { useOrgPager, type OrgFilter } from './organizations/use-org-pager';

const allSectors = 'all';

/** The name first, so that the sticky first column says which organization a row is. */
function displayOrder(columns: string[]): string[] {
  return columns.includes('legal_name')
    ? ['legal_name', ...columns.filter((c) => c !== 'legal_name')]
    : columns;
}

function OrganizationsBody() {
  const sectors = useSectors();
  const pager = useOrgPager();
  const [schema, setSchema] = useState<SchemaInfo | null>(null);
  const [onlyOwnColumns, setOnlyOwnColumns] = useState(false);
  const [filter, setFilter] = useState<OrgFilter>({
    focus_group_id: null,
    search: null,
    sort: 'legal_name',
    dir: 'asc',
    limit: 50,
  });

  useEffect(() => {
    void call('schema:describe', {}).then(setSchema);
  }, []);

  function apply(next: Partial<OrgFilter>) {
    const merged = { ...filter, ...next };
    setFilter(merged);
    if (pager.page !== null) void pager.first(merged);
  }

  function sortBy(column: OrgSortColumn) {
    apply({ sort: column, dir: filter.sort === column && filter.dir === 'asc' ? 'desc' : 'asc' });
  }

  const sectorName = (id: string) => sectors.find((s) => s.focus_group_id === id)?.group_name ?? id;
  const owners = schema === null ? new Map<string, string>() : sectorOfColumn(schema, sectors);
  const focus = filter.focus_group_id === null ? null : sectorName(filter.focus_group_id);
  const columns = displayOrder(pager.page?.columns ?? []).filter(
    (column) => !onlyOwnColumns || focus === null || (owners.get(column) ?? focus) === focus,
  );

  return (
    <Stack gap="lg">
      <InsertPanel
        sectorName={sectorName}
        onInserted={() => pager.page !== null && void pager.first(filter)}
      />
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Title order={4}>Unified organization data</Title>
          <Group align="flex-end">
            <Select
              label="Filter Organizations by Sector"
              data={[{ value: allSectors, label: 'All Sectors' }, ...sectorOptions(sectors)]}
              value={filter.focus_group_id ?? allSectors}
              onChange={(value) =>
                apply({ focus_group_id: value === null || value === allSectors ? null : value })
              }
              allowDeselect={false}
              w={280}
            />
            <NameSearch onSearch={(search) => apply({ search })} />
            <Button
              leftSection={<IconRefresh size={18} />}
              loading={pager.loading}
              onClick={() => void pager.first(filter)}
            >
              Fetch Unified Organization Data
            </Button>
          </Group>
          {pager.page === null ? (
            <EmptyState
              icon={<IconTableOff size={28} />}
              withIndicatorBackground
              title="No data loaded"
              description="Fetch the unified view to see every organization with its sector's attributes; columns of other sectors stay empty."
              py="xl"
            />
          ) : (
            <>
              <PagerBar
                page={pager.page}
                start={pager.start}
                loading={pager.loading}
                limit={filter.limit}
                onLimit={(limit) => apply({ limit })}
                onPrev={() => void pager.prev()}
                onNext={() => void pager.next()}
              >
                <Switch
                  label="Hide other sectors' columns"
                  checked={onlyOwnColumns}
                  disabled={filter.focus_group_id === null}
                  onChange={(event) => setOnlyOwnColumns(event.currentTarget.checked)}
                />
              </PagerBar>
              {pager.page.rows.length === 0 ? (
                <EmptyState
                  icon={<IconTableOff size={28} />}
                  withIndicatorBackground
                  title="No organizations match"
                  description="Insert sample organizations above, or choose All Sectors."
                  py="xl"
                />
              ) : (
                <OrgTable
                  columns={columns}
                  rows={pager.page.rows}
                  groups={columnGroups(columns.slice(1), owners)}
                  sort={filter.sort}
                  dir={filter.dir}
                  onSort={sortBy}
                />
              )}
            </>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}

export function OrganizationsSection() {
  return (
    <Stack gap="lg">
      <SectionHeader icon={IconBuildingSkyscraper} title="Organizations">
        Every organization with its core facts and the attribute columns of all seven sectors, from the
        unified view vw_organizations_full. Columns of other sectors are empty by design. Pages are read from
        SQL by key, never the whole table at once.
      </SectionHeader>
      <Prerequisite requires="focusGroups">
        <OrganizationsBody />
      </Prerequisite>
    </Stack>
  );
}
