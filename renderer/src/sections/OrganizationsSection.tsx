import {
  ActionIcon,
  Button,
  Group,
  Loader,
  Menu,
  Paper,
  Popover,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconBuildingSkyscraper,
  IconDownload,
  IconFilterPlus,
  IconPlus,
  IconRefresh,
  IconSearch,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OrgRow } from '../../../shared/domain';
import { orgStatuses, type ColumnFilter, type ExportFormat, type OrgColumn } from '../../../shared/org-query';
import { bridge, call, notifyError } from '../api/bridge';
import { copyText } from '../clipboard';
import { Prerequisite } from '../components/Prerequisite';
import { SectionHeader } from '../components/SectionHeader';
import { sectorOptions, useSectors } from '../state/sectors';
import { missingStep } from '../state/prerequisites';
import { useDbStatus } from '../state/status';
import { ColumnsPanel } from './organizations/ColumnsPanel';
import { ExportProgress } from './organizations/ExportProgress';
import { FilterChips } from './organizations/FilterChips';
import { FilterDialog } from './organizations/FilterDialog';
import type { ColumnAction } from './organizations/grid/ColumnMenu';
import { OrgGrid } from './organizations/grid/OrgGrid';
import { defaultWidth, gridColumns, pinnedColumn } from './organizations/grid-columns';
import { InsertPanel } from './organizations/InsertPanel';
import { OrgDrawer } from './organizations/OrgDrawer';
import { useRowBlocks, type FetchRows } from './organizations/row-blocks';
import { useExport } from './organizations/use-export';
import {
  moveColumn,
  orderedColumns,
  selectionOf,
  useCurrentView,
  useSavedViews,
  visibleColumns,
  type GridView,
} from './organizations/view-state';
import { ToolButton } from './organizations/ToolButton';
import { ViewsMenu } from './organizations/ViewsMenu';

const all = 'all';
const fetchRows: FetchRows = (selection, start, count) =>
  bridge.invoke('orgs:rows', { ...selection, start, count });

/** Searches as the analyst types, one query per pause rather than per keystroke. */
function NameSearch({
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

function OrganizationsBody() {
  const sectors = useSectors();
  const { status } = useDbStatus();
  const [described, setDescribed] = useState<OrgColumn[] | null>(null);
  const [view, setView] = useCurrentView();
  const [saved, setSaved] = useSavedViews();
  const [refreshes, setRefreshes] = useState(0);
  const [opened, setOpened] = useState<OrgRow | null>(null);
  const [filtering, setFiltering] = useState<{ column: string | null } | null>(null);
  const exporter = useExport();

  useEffect(() => {
    void call('orgs:columns', {}).then(setDescribed);
  }, []);

  const columns = useMemo(() => gridColumns(described ?? [], sectors), [described, sectors]);
  const ordered = useMemo(() => orderedColumns(columns, view), [columns, view]);
  const visible = useMemo(() => visibleColumns(columns, view), [columns, view]);
  const widths = useMemo(
    () => visible.map((c) => view.widths[c.name] ?? defaultWidth(c)),
    [visible, view.widths],
  );
  const selection = useMemo(() => selectionOf(view), [view]);
  const [blocks, snapshot] = useRowBlocks(fetchRows, described === null ? null : selection, refreshes);
  const total = snapshot.total ?? 0;

  // Organizations inserted here, by the CLI or another window: read the view again.
  const organizations = status?.organizations;
  const [seen, setSeen] = useState(organizations);
  if (organizations !== seen) {
    setSeen(organizations);
    if (seen !== undefined) setRefreshes((n) => n + 1);
  }
  useEffect(() => {
    if (snapshot.error !== null) notifyError(snapshot.error);
  }, [snapshot.error]);

  const change = useCallback((next: Partial<GridView>) => setView({ ...view, ...next }), [view, setView]);
  const sectorName = (id: string) => sectors.find((s) => s.focus_group_id === id)?.group_name ?? id;
  const filterOf = (column: string) => view.where.find((f) => f.column === column);

  function sortBy(column: string, dir?: 'asc' | 'desc') {
    change({ sort: column, dir: dir ?? (view.sort === column && view.dir === 'asc' ? 'desc' : 'asc') });
  }

  function onColumnAction(column: string, action: ColumnAction) {
    if (action === 'asc' || action === 'desc') return sortBy(column, action);
    if (action === 'filter') return setFiltering({ column });
    if (action === 'hide') return change({ hidden: [...view.hidden, column] });
    const names = visible.map((c) => c.name);
    const at = names.indexOf(column);
    const before = action === 'left' ? names[at - 1] : names[at + 2];
    if (action === 'left' && (before === undefined || before === pinnedColumn)) return;
    change({ order: moveColumn(columns, view, column, before ?? null) });
  }

  function applyFilter(filter: ColumnFilter) {
    change({ where: [...view.where.filter((f) => f.column !== filter.column), filter] });
  }

  function onCopy(text: string, what: string) {
    if (text === '') {
      notifications.show({ color: 'yellow', message: what, autoClose: 3000 });
      return;
    }
    void copyText(text).then((ok) =>
      notifications.show(
        ok
          ? {
              color: 'indigo',
              title: `Copied ${what}`,
              message: text.length > 120 ? `${text.slice(0, 120)}…` : text,
              autoClose: 1500,
            }
          : { color: 'red', message: 'The clipboard is not available here', autoClose: 3000 },
      ),
    );
  }

  function exportAs(format: ExportFormat) {
    void exporter.start({ ...selection, format, columns: visible.map((c) => c.name) });
  }

  const sorted = columns.find((c) => c.name === view.sort);
  const empty = status !== null && status.organizations === 0;
  const ownAttributes = columns
    .filter((c) => opened !== null && c.focus_group_id !== null && c.focus_group_id === opened.focus_group_id)
    .map((c) => c.name);

  const actions = (
    <>
      <ViewsMenu view={view} saved={saved} onOpen={setView} onSaved={setSaved} />
      <ColumnsPanel
        columns={ordered}
        hidden={view.hidden}
        onHidden={(hidden) => change({ hidden })}
        onReset={() => change({ order: [], hidden: [], widths: {} })}
      />
      <Menu position="bottom-end" shadow="md">
        <Menu.Target>
          <ToolButton
            icon={<IconDownload size={14} />}
            label="Export"
            loading={exporter.running}
            disabled={total === 0}
          />
        </Menu.Target>
        <Menu.Dropdown aria-label="Export">
          <Menu.Label>{`${total.toLocaleString()} rows, ${visible.length} columns`}</Menu.Label>
          <Menu.Item onClick={() => exportAs('csv')}>Export CSV</Menu.Item>
          <Menu.Item onClick={() => exportAs('json')}>Export JSON</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {!empty && (
        <Popover position="bottom-end" shadow="md" width={420} trapFocus>
          <Popover.Target>
            <ToolButton icon={<IconPlus size={14} />} label="Sample data" />
          </Popover.Target>
          <Popover.Dropdown aria-label="Sample data">
            <InsertPanel sectorName={sectorName} onInserted={() => setRefreshes((n) => n + 1)} />
          </Popover.Dropdown>
        </Popover>
      )}
      <Tooltip label="Fetch Unified Organization Data">
        <ActionIcon
          variant="default"
          size="md"
          aria-label="Fetch Unified Organization Data"
          onClick={() => setRefreshes((n) => n + 1)}
        >
          <IconRefresh size={16} />
        </ActionIcon>
      </Tooltip>
    </>
  );

  return (
    <Stack gap="xs" className="org-body">
      <SectionHeader icon={IconBuildingSkyscraper} title="Organizations" compact actions={actions}>
        {description}
      </SectionHeader>
      <Group gap="xs" wrap="wrap" className="org-toolbar">
        <Select
          aria-label="Filter Organizations by Sector"
          data={[{ value: all, label: 'All Sectors' }, ...sectorOptions(sectors)]}
          value={view.focus_group_id ?? all}
          onChange={(value) => change({ focus_group_id: value === null || value === all ? null : value })}
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
          onChange={(value) => change({ status: orgStatuses.find((s) => s === value) ?? null })}
          allowDeselect={false}
          size="xs"
          w={130}
        />
        <NameSearch value={view.search} onSearch={(search) => change({ search })} />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFilterPlus size={14} />}
          onClick={() => setFiltering({ column: null })}
        >
          Add filter
        </Button>
      </Group>
      <FilterChips
        view={view}
        sectorName={sectorName}
        onChange={change}
        onEdit={(column) => setFiltering({ column })}
      />
      {exporter.running && exporter.progress !== null && (
        <ExportProgress progress={exporter.progress} onCancel={exporter.cancel} />
      )}
      {empty ? (
        <Paper withBorder p="lg" maw={560}>
          <InsertPanel sectorName={sectorName} onInserted={() => setRefreshes((n) => n + 1)} />
        </Paper>
      ) : (
        <Paper withBorder className="org-grid-area">
          {described === null ? (
            <Loader m="md" size="sm" />
          ) : (
            <OrgGrid
              columns={visible}
              widths={widths}
              total={total}
              blocks={blocks}
              version={snapshot.version}
              sort={view.sort}
              dir={view.dir}
              label="Organizations"
              onSort={(column) => sortBy(column)}
              onColumnAction={onColumnAction}
              onResize={(column, width) => change({ widths: { ...view.widths, [column]: width } })}
              onMove={(column, before) => change({ order: moveColumn(columns, view, column, before) })}
              onOpen={(row) => setOpened(row)}
              onCopy={onCopy}
            />
          )}
        </Paper>
      )}
      <Group justify="space-between" gap="xs" className="org-status">
        <Text size="xs" c="dimmed" aria-live="polite">
          {snapshot.total === null
            ? 'Reading…'
            : `${total.toLocaleString()} ${total === 1 ? 'organization' : 'organizations'}`}
          {sorted !== undefined &&
            ` · sorted by ${sorted.label} (${view.dir === 'asc' ? 'ascending' : 'descending'})`}
          {sorted?.sort === 'sorted-once' && ' · no index for this sort: sorted once per filter'}
        </Text>
        <Text size="xs" c="dimmed" visibleFrom="lg">
          Arrows, PageUp/PageDown, Home/End move · Shift extends · Ctrl+C copies · Enter opens
        </Text>
      </Group>
      <OrgDrawer row={opened} attributeColumns={ownAttributes} onClose={() => setOpened(null)} />
      <FilterDialog
        opened={filtering !== null}
        column={filtering?.column ?? null}
        columns={columns}
        current={filterOf}
        onApply={applyFilter}
        onRemove={(column) => change({ where: view.where.filter((f) => f.column !== column) })}
        onClose={() => setFiltering(null)}
      />
    </Stack>
  );
}

const description =
  'Every organization with its sector’s attributes, from the unified view: scroll the whole result, sort and filter by any column, export what you see.';

export function OrganizationsSection() {
  const { status } = useDbStatus();
  if (status !== null && missingStep(status, 'focusGroups') === null) return <OrganizationsBody />;
  return (
    <Stack gap="sm">
      <SectionHeader icon={IconBuildingSkyscraper} title="Organizations" compact>
        {description}
      </SectionHeader>
      <Prerequisite requires="focusGroups">{null}</Prerequisite>
    </Stack>
  );
}
