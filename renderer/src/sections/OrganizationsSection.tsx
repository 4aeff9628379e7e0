import { Button, Card, EmptyState, Group, Stack, Switch, Title } from '@mantine/core';
import { IconBuildingSkyscraper, IconDownload, IconTableOff } from '@tabler/icons-react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { OrgSortColumn } from '../../../shared/org-query';
import type { OrgRow, SchemaInfo } from '../../../shared/domain';
import { call } from '../api/bridge';
import { Prerequisite } from '../components/Prerequisite';
import { SectionHeader } from '../components/SectionHeader';
import { useSectors } from '../state/sectors';
import { useHiddenGroups } from './organizations/column-visibility';
import { ColumnMenu } from './organizations/ColumnMenu';
import { ExportProgress } from './organizations/ExportProgress';
import { InsertPanel } from './organizations/InsertPanel';
import { OrgDrawer } from './organizations/OrgDrawer';
import { OrgFilters } from './organizations/OrgFilters';
import { OrgTable } from './organizations/OrgTable';
import { PagerBar } from './organizations/PagerBar';
import { useExport } from './organizations/use-export';
import { useGridColumns } from './organizations/use-grid-columns';
import { useOrgPager, type OrgFilter } from './organizations/use-org-pager';

function OrganizationsBody() {
  const sectors = useSectors();
  const pager = useOrgPager();
  const [schema, setSchema] = useState<SchemaInfo | null>(null);
  const [onlyOwnColumns, setOnlyOwnColumns] = useState(false);
  const [hidden, setHidden] = useHiddenGroups();
  const [opened, setOpened] = useState<OrgRow | null>(null);
  const exporter = useExport();
  const [filter, setFilter] = useState<OrgFilter>({
    focus_group_id: null,
    status: null,
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
  const grid = useGridColumns({
    pageColumns: pager.page?.columns,
    schema,
    sectors,
    hidden,
    onlySector: onlyOwnColumns && filter.focus_group_id !== null ? sectorName(filter.focus_group_id) : null,
  });
  const ownAttributes = grid.all.filter((c) => opened !== null && grid.owners.get(c) === opened.sector_name);
  // The table is memoized; it calls the latest sort handler without being redrawn for a new one.
  const latestSort = useRef(sortBy);
  useLayoutEffect(() => {
    latestSort.current = sortBy;
  });
  const onSort = useCallback((column: OrgSortColumn) => latestSort.current(column), []);

  return (
    <Stack gap="lg">
      <InsertPanel
        sectorName={sectorName}
        onInserted={() => pager.page !== null && void pager.first(filter)}
      />
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={4}>Unified organization data</Title>
            {pager.page !== null && (
              <Group gap="md">
                <Switch
                  label="Only the filtered sector's columns"
                  checked={onlyOwnColumns}
                  disabled={filter.focus_group_id === null}
                  onChange={(event) => setOnlyOwnColumns(event.currentTarget.checked)}
                />
                <ColumnMenu groups={grid.groupSizes} hidden={hidden} onChange={setHidden} />
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconDownload size={14} />}
                  loading={exporter.running}
                  disabled={pager.page.total === 0}
                  onClick={() => {
                    const { focus_group_id, status, search, sort, dir } = filter;
                    void exporter.start({ focus_group_id, status, search, sort, dir });
                  }}
                >
                  Export CSV ({pager.page.total.toLocaleString()})
                </Button>
              </Group>
            )}
          </Group>
          {exporter.running && exporter.progress !== null && (
            <ExportProgress progress={exporter.progress} onCancel={exporter.cancel} />
          )}
          <OrgFilters
            sectors={sectors}
            filter={filter}
            loading={pager.loading}
            onChange={apply}
            onFetch={() => void pager.first(filter)}
          />
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
                onFirst={() => void pager.first(filter)}
                onPrev={() => void pager.prev()}
                onNext={() => void pager.next()}
                onLast={() => void pager.last()}
              />
              {pager.page.rows.length === 0 ? (
                <EmptyState
                  icon={<IconTableOff size={28} />}
                  withIndicatorBackground
                  title="No organizations match"
                  description="Insert sample organizations above, or loosen the filters."
                  py="xl"
                />
              ) : (
                <OrgTable
                  columns={grid.shown}
                  rows={pager.page.rows}
                  groups={grid.groups}
                  sort={filter.sort}
                  dir={filter.dir}
                  onSort={onSort}
                  onOpen={setOpened}
                />
              )}
            </>
          )}
        </Stack>
      </Card>
      <OrgDrawer row={opened} attributeColumns={ownAttributes} onClose={() => setOpened(null)} />
    </Stack>
  );
}

export function OrganizationsSection() {
  return (
    <Stack gap="lg">
      <SectionHeader icon={IconBuildingSkyscraper} title="Organizations">
        Every organization with its core facts and the attribute columns of all seven sectors, from the
        unified view vw_organizations_full. Pages are read from SQL by key, never the whole table at once:
        sort by a column header, filter, open a row by its name, click any other cell to copy it, and export
        the filtered rows as CSV.
      </SectionHeader>
      <Prerequisite requires="focusGroups">
        <OrganizationsBody />
      </Prerequisite>
    </Stack>
  );
}
