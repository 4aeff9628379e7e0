import { ActionIcon, Loader, Menu, Popover, Tooltip } from '@mantine/core';
import { IconDownload, IconFileImport, IconPlus, IconRefresh, IconSparkles } from '@tabler/icons-react';
import type { ExportFormat } from '../../../../shared/org-query';
import { useRef, useState } from 'react';
import { ColumnsPanel } from './ColumnsPanel';
import { CopyOptionsDialog } from './CopyOptionsDialog';
import { ExportDialog, type ExportPart } from './ExportDialog';
import type { RowSpan } from './row-position';
import { defaultView, showColumns } from './view-state';
import { InsertPanel } from './InsertPanel';
import { ToolButton } from './ToolButton';
import type { ExportTask } from './use-export';
import type { GridViewState } from './use-grid-view';
import type { SharedViews } from './use-shared-views';
import { ViewsMenu } from './ViewsMenu';

interface Props {
  grid: GridViewState;
  views: SharedViews;
  total: number;
  exporter: ExportTask;
  /** Whether the table holds no organization yet (the sample data then fills the page instead). */
  empty: boolean;
  sectorName: (id: string) => string;
  onRefresh: () => void;
  onNew: () => void;
  onImport: () => void;
}

/** The section's tools: saved views, columns, export, sample data, and reading the view again. */
export function OrgActions(props: Props) {
  const { grid, views, total, exporter, empty, sectorName, onRefresh } = props;
  const { view, change, visible } = grid;
  const [exporting, setExporting] = useState<RowSpan | undefined>(undefined);
  const [copyOptions, setCopyOptions] = useState(false);
  const exportButton = useRef<HTMLButtonElement>(null);
  const exportAs = (format: ExportFormat) =>
    void exporter.start({ ...grid.selection, format, columns: visible.map((c) => c.name) });
  const exportPart = ({ allColumns, ...part }: ExportPart) =>
    void exporter.start({
      ...grid.selection,
      ...part,
      columns: (allColumns ? grid.ordered : visible).map((c) => c.name),
    });
  return (
    <>
      <ToolButton
        icon={<IconPlus size={14} />}
        label="New organization"
        aria-keyshortcuts="Alt+N"
        onClick={props.onNew}
      />
      <ToolButton icon={<IconFileImport size={14} />} label="Import" onClick={props.onImport} />
      <ViewsMenu view={view} shared={views} onOpen={grid.setView} />
      <ColumnsPanel
        columns={grid.ordered}
        view={view}
        onShow={(columns, visible) => change(showColumns(view, columns, visible))}
        onReset={() => change({ order: [], hidden: defaultView.hidden, shown: [], widths: {} })}
      />
      <Menu position="bottom-end" shadow="md">
        <Menu.Target>
          {/* Not disabled while an export runs (its items are): the menu gives the focus back to this
              button as it closes, which a disabled button cannot take, and the focus fell to the page. */}
          <ToolButton
            icon={exporter.running ? <Loader size={14} /> : <IconDownload size={14} />}
            label="Export"
            ref={exportButton}
            aria-busy={exporter.running}
            disabled={total === 0}
          />
        </Menu.Target>
        <Menu.Dropdown aria-label="Export">
          <Menu.Label>{`${total.toLocaleString()} rows, ${visible.length} columns`}</Menu.Label>
          <Menu.Item disabled={exporter.running} onClick={() => exportAs('csv')}>
            Export CSV
          </Menu.Item>
          <Menu.Item disabled={exporter.running} onClick={() => exportAs('json')}>
            Export JSON
          </Menu.Item>
          <Menu.Item disabled={exporter.running} onClick={() => setExporting(grid.position.selected())}>
            Export…
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={() => setCopyOptions(true)}>Copy options…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ExportDialog
        opened={exporting !== undefined}
        onClose={() => {
          setExporting(undefined);
          // Opened from a menu item that is gone: the focus goes back to the menu's button.
          requestAnimationFrame(() => exportButton.current?.focus());
        }}
        total={total}
        selected={exporting ?? null}
        visibleCount={visible.length}
        columnCount={grid.ordered.length}
        onExport={exportPart}
      />
      <CopyOptionsDialog
        opened={copyOptions}
        onClose={() => {
          setCopyOptions(false);
          requestAnimationFrame(() => exportButton.current?.focus());
        }}
      />
      {!empty && (
        <Popover position="bottom-end" shadow="md" width={420} trapFocus>
          <Popover.Target>
            <ToolButton icon={<IconSparkles size={14} />} label="Sample data" />
          </Popover.Target>
          <Popover.Dropdown aria-label="Sample data">
            <InsertPanel sectorName={sectorName} onInserted={onRefresh} />
          </Popover.Dropdown>
        </Popover>
      )}
      <Tooltip label="Fetch Unified Organization Data">
        <ActionIcon
          variant="default"
          size="md"
          aria-label="Fetch Unified Organization Data"
          onClick={onRefresh}
        >
          <IconRefresh size={16} />
        </ActionIcon>
      </Tooltip>
    </>
  );
}
