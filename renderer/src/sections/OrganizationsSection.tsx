import { Loader, Paper, Stack } from '@mantine/core';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { ColumnFilter } from '../../../shared/org-query';
import { Prerequisite } from '../components/Prerequisite';
import { rescueFocus } from '../focus';
import { SectionHeader } from '../components/SectionHeader';
import { missingStep } from '../state/prerequisites';
import { useSectors } from '../state/sectors';
import { useDbStatus } from '../state/status';
import { ExportProgress } from './organizations/ExportProgress';
import { FilterChips } from './organizations/FilterChips';
import { FilterDialog } from './organizations/FilterDialog';
import { OrgGrid } from './organizations/grid/OrgGrid';
import { InsertPanel } from './organizations/InsertPanel';
import { notifyCopied } from './organizations/notify-copied';
import { OrgActions } from './organizations/OrgActions';
import { OrgStatusLine } from './organizations/OrgStatusLine';
import { OrgToolbar } from './organizations/OrgToolbar';
import { useExport } from './organizations/use-export';
import { useGridView } from './organizations/use-grid-view';
import { useOrgRows } from './organizations/use-org-rows';
import { useOrgEditing } from './organizations/edit/use-org-editing';
import { useOrgChanges, useReadOnScores } from './organizations/edit/use-org-changes';
import { useSharedViews } from './organizations/use-shared-views';
import { useViewInUrl } from './organizations/view-url';
import { useSection } from '../navigation';

/** Changes made elsewhere, read again when the user asks; recomputed scores, read again at once. */
function useRereads(refresh: () => void) {
  const others = useOrgChanges();
  useReadOnScores(others.scores, refresh);
  const reread = () => {
    others.seen();
    refresh();
  };
  return { others, reread };
}

function OrganizationsBody() {
  const sectors = useSectors();
  const { status } = useDbStatus();
  const grid = useGridView(sectors);
  const { view, change, columns } = grid;
  const views = useSharedViews();
  useViewInUrl(view, grid.setView, useSection() === 'organizations');
  const { blocks, snapshot, refresh } = useOrgRows(
    grid.described === null ? null : grid.selection,
    status?.organizations,
  );
  const [filtering, setFiltering] = useState<{ column: string | null } | null>(null);
  const exporter = useExport();
  const { others, reread } = useRereads(refresh);
  const editing = useOrgEditing({ blocks, sectors, columns, onChanged: reread });
  const addFilter = useRef<HTMLButtonElement>(null);

  const total = snapshot.total ?? 0;
  const empty = status !== null && status.organizations === 0;
  const sectorName = (id: string) => sectors.find((s) => s.focus_group_id === id)?.group_name ?? id;
  const applyFilter = (filter: ColumnFilter) =>
    change({ where: [...view.where.filter((f) => f.column !== filter.column), filter] });

  return (
    <Stack gap="xs" className="org-body">
      <SectionHeader
        icon={IconBuildingSkyscraper}
        title="Organizations"
        compact
        actions={
          <OrgActions
            grid={grid}
            views={views}
            total={total}
            exporter={exporter}
            empty={empty}
            sectorName={sectorName}
            onRefresh={reread}
            onNew={editing.openNew}
            onImport={editing.openImport}
          />
        }
      >
        {description}
      </SectionHeader>
      <OrgToolbar
        view={view}
        sectors={sectors}
        onChange={change}
        onAddFilter={() => setFiltering({ column: null })}
        addFilterRef={addFilter}
      />
      <FilterChips
        view={view}
        sectorName={sectorName}
        onChange={change}
        onEdit={(column) => setFiltering({ column })}
        fallbackFocus={addFilter}
      />
      {exporter.running && exporter.progress !== null && (
        <ExportProgress progress={exporter.progress} onCancel={exporter.cancel} />
      )}
      {empty ? (
        <Paper withBorder p="lg" maw={560}>
          <InsertPanel sectorName={sectorName} onInserted={reread} />
        </Paper>
      ) : (
        <Paper withBorder className="org-grid-area">
          {grid.described === null ? (
            <Loader m="md" size="sm" />
          ) : (
            <OrgGrid
              columns={grid.visible}
              widths={grid.widths}
              total={total}
              blocks={blocks}
              version={snapshot.version}
              sort={view.sort}
              dir={view.dir}
              label="Organizations"
              onSort={(column) => grid.sortBy(column)}
              onColumnAction={(column, action) =>
                action === 'filter' ? setFiltering({ column }) : grid.columnAction(column, action)
              }
              onResize={(column, width) => change({ widths: { ...view.widths, [column]: width } })}
              onMove={grid.move}
              onOpen={editing.open}
              onCopy={notifyCopied}
              fields={editing.fields}
              onSave={editing.save}
              onDelete={editing.remove}
              position={grid.position}
            />
          )}
        </Paper>
      )}
      <OrgStatusLine
        total={snapshot.total}
        sorted={columns.find((c) => c.name === view.sort)}
        dir={view.dir}
        changes={others.changes}
        onRefresh={reread}
        position={grid.position}
      />
      {editing.dialogs}
      <FilterDialog
        opened={filtering !== null}
        column={filtering?.column ?? null}
        columns={columns}
        filter={view}
        current={(column) => view.where.find((f) => f.column === column)}
        onApply={applyFilter}
        onRemove={(column) => change({ where: view.where.filter((f) => f.column !== column) })}
        // Opened from a chip that the dialog removed, or from a column's menu: the focus had nowhere to go back to.
        onClosed={() => rescueFocus(addFilter.current)}
        onClose={() => setFiltering(null)}
      />
    </Stack>
  );
}

const description =
  'Every organization with its sector’s attributes, from the unified view: scroll the whole result, sort and filter by any column, export what you see.';

export function OrganizationsSection() {
  const { status } = useDbStatus();
  if (status !== null && missingStep(status, 'sectors') === null) return <OrganizationsBody />;
  return (
    <Stack gap="sm">
      <SectionHeader icon={IconBuildingSkyscraper} title="Organizations" compact>
        {description}
      </SectionHeader>
      <Prerequisite requires="sectors">{null}</Prerequisite>
    </Stack>
  );
}
