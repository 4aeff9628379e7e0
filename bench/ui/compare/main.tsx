import '@mantine/core/styles.css';
import '../../../renderer/src/styles.css';
import { MantineProvider } from '@mantine/core';
import { AllCommunityModule, ModuleRegistry, type ColDef, type IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { OrgRow } from '../../../shared/domain';
import { defaultWidth, type GridColumn } from '../../../renderer/src/sections/organizations/grid-columns';
import { OrgGrid } from '../../../renderer/src/sections/organizations/grid/OrgGrid';
import { RowBlocks } from '../../../renderer/src/sections/organizations/row-blocks';
import { useRowBlocks } from '../../../renderer/src/sections/organizations/use-row-blocks';

/**
 * The grid candidates side by side on the same synthetic result (a million rows, 92 columns, values
 * made from the row number, no backend), so that only drawing is compared. ?lib=tanstack|aggrid.
 */
const ROWS = 1_000_000;
const names = ['legal_name', ...Array.from({ length: 91 }, (_, i) => `column_${i + 1}`)];
const columns: GridColumn[] = names.map((name, i) => ({
  name,
  label: i === 0 ? 'Legal name' : `Column ${i}`,
  kind: i % 3 === 0 ? 'integer' : 'text',
  scale: null,
  focus_group_id: null,
  band: null,
  sort: 'index',
  group: i < 7 ? 'Key facts' : 'Details',
}));

function row(index: number): OrgRow {
  const out: OrgRow = {};
  names.forEach((name, i) => {
    out[name] = i === 0 ? `Org ${index}` : i % 3 === 0 ? index * 7 + i : `v${index}-${i}`;
  });
  return out;
}

const synthetic = new RowBlocks(async (_selection, start, count) => ({
  ok: true,
  value: {
    start,
    total: ROWS,
    rows: Array.from({ length: Math.min(count, ROWS - start) }, (_, i) => row(start + i)),
  },
}));

function TanStackGrid() {
  const [blocks, snapshot] = useRowBlocks(
    (s, start, count, signal) => synthetic['fetchRows'](s, start, count, signal),
    { sort: 'legal_name', dir: 'asc' },
    0,
  );
  const widths = columns.map((c) => defaultWidth(c));
  return (
    <div style={{ position: 'relative', height: '100%' }}>
      <OrgGrid
        columns={columns}
        widths={widths}
        total={snapshot.total ?? 0}
        blocks={blocks}
        version={snapshot.version}
        sort="legal_name"
        position={{ set: () => {}, select: () => {} }}
        dir="asc"
        label="Organizations"
        onSort={() => {}}
        onColumnAction={() => {}}
        onResize={() => {}}
        onMove={() => {}}
        onOpen={() => {}}
        onCopy={() => {}}
        fields={[]}
        onSave={() => Promise.resolve({ conflict: true })}
        onDelete={() => {}}
      />
    </div>
  );
}

ModuleRegistry.registerModules([AllCommunityModule]);

function AgGrid() {
  const [columnDefs] = useState<ColDef[]>(() =>
    columns.map((c, i) => ({
      field: c.name,
      headerName: c.label,
      width: defaultWidth(c),
      pinned: i === 0 ? 'left' : undefined,
    })),
  );
  const datasource: IDatasource = {
    getRows: ({ startRow, endRow, successCallback }) =>
      successCallback(
        Array.from({ length: endRow - startRow }, (_, i) => row(startRow + i)),
        ROWS,
      ),
  };
  return (
    <div style={{ height: '100%' }}>
      <AgGridReact
        columnDefs={columnDefs}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={100}
        maxBlocksInCache={80}
        rowHeight={32}
      />
    </div>
  );
}

const lib = new URLSearchParams(location.search).get('lib');
createRoot(document.getElementById('root') as HTMLElement).render(
  <MantineProvider>{lib === 'aggrid' ? <AgGrid /> : <TanStackGrid />}</MantineProvider>,
);
