import { Button, Group, Modal, NumberInput, Radio, SegmentedControl, Stack, Switch } from '@mantine/core';
import { useState } from 'react';
import { exportFormats, type ExportFormat, type OrgExport } from '../../../../shared/org-query';
import { plural } from '../../format';
import type { RowSpan } from './row-position';

type Rows = 'all' | 'selected' | 'first';

export type ExportPart = Pick<OrgExport, 'format' | 'start' | 'limit' | 'labels'> & { allColumns: boolean };

interface Props {
  opened: boolean;
  onClose: () => void;
  total: number;
  /** The grid's selected rows when the dialog opened. */
  selected: RowSpan;
  visibleCount: number;
  columnCount: number;
  onExport: (part: ExportPart) => void;
}

/** Which rows and columns an export writes, in which format, with names or the screen's labels. */
export function ExportDialog({
  opened,
  onClose,
  total,
  selected,
  visibleCount,
  columnCount,
  onExport,
}: Props) {
  const [rows, setRows] = useState<Rows>('all');
  const [first, setFirst] = useState<number | string>(100);
  const [allColumns, setAllColumns] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [labels, setLabels] = useState(false);
  const picked = selected === null ? 0 : Math.min(selected.last, total - 1) - selected.first + 1;
  const firstN = typeof first === 'number' ? first : 0;
  const part = (): Pick<OrgExport, 'start' | 'limit'> =>
    rows === 'selected' && selected !== null
      ? { start: selected.first, limit: picked }
      : rows === 'first'
        ? { limit: firstN }
        : {};
  return (
    <Modal opened={opened} onClose={onClose} returnFocus={false} title="Export organizations" size="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onExport({ ...part(), format, labels, allColumns });
          onClose();
        }}
      >
        <Stack gap="md">
          <Radio.Group label="Rows" value={rows} onChange={(value) => setRows(value as Rows)}>
            <Stack gap={6} mt={6}>
              <Radio value="all" label={`The whole view (${plural(total, 'row')})`} data-autofocus />
              <Radio
                value="selected"
                label={`The selected rows (${plural(picked, 'row')})`}
                disabled={picked === 0}
              />
              <Group gap="xs">
                <Radio value="first" label="The first" />
                <NumberInput
                  size="xs"
                  w={110}
                  aria-label="Number of rows"
                  min={1}
                  max={Math.max(1, total)}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=","
                  value={first}
                  onChange={(value) => {
                    setFirst(value);
                    setRows('first');
                  }}
                />
                <span>rows</span>
              </Group>
            </Stack>
          </Radio.Group>
          <Radio.Group
            label="Columns"
            value={allColumns ? 'all' : 'visible'}
            onChange={(value) => setAllColumns(value === 'all')}
          >
            <Stack gap={6} mt={6}>
              <Radio value="visible" label={`The visible columns (${visibleCount})`} />
              <Radio value="all" label={`Every column (${columnCount})`} />
            </Stack>
          </Radio.Group>
          <SegmentedControl
            aria-label="Format"
            value={format}
            onChange={(value) => setFormat(exportFormats.find((f) => f === value) ?? 'csv')}
            data={exportFormats.map((value) => ({ value, label: value.toUpperCase() }))}
          />
          <Switch
            label="Headers as on screen (labels, Yes/No)"
            description="Off: column names and true/false, as scripts and databases read them."
            checked={labels}
            onChange={(event) => setLabels(event.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={rows === 'first' && firstN < 1}>
              Export
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
