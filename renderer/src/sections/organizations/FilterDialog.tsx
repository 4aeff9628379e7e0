import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { filterOpOf, type ColumnFilter, type OrgFilter } from '../../../../shared/org-query';
import { draftOf, filterFromDraft, type Draft } from './filter-draft';
import type { GridColumn } from './grid-columns';
import { facetCount, useFacet } from './use-facet';

interface Props {
  /** The column to filter, or null to let the analyst pick one. */
  column: string | null;
  opened: boolean;
  columns: GridColumn[];
  /** The view's filter, under which a yes/no column's values are counted. */
  filter: OrgFilter;
  /** The column's current filter, if any. */
  current: (column: string) => ColumnFilter | undefined;
  onApply: (filter: ColumnFilter) => void;
  onRemove: (column: string) => void;
  onClose: () => void;
  /** The dialog is gone (after its closing transition). */
  onClosed?: () => void;
}

/**
 * A per-column filter by the column's type: text contains, a numeric range, yes/no, or list contains.
 * It opens on its first field: the column, unless a value field follows to type in.
 */
export function FilterDialog(props: Props) {
  const { column, opened, columns, filter, current, onApply, onRemove, onClose } = props;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={props.onClosed}
      title="Filter organizations"
      centered
    >
      {/* Remounted per opening, so that a draft never leaks from one column to another. */}
      {opened && (
        <FilterForm
          key={column ?? ''}
          initial={column}
          columns={columns}
          filter={filter}
          current={current}
          onApply={onApply}
          onRemove={onRemove}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

/** A yes/no choice with each value's count under the rest of the filter ("Yes 1,204"). */
function YesNo({ label, count }: { label: string; count: string | null }) {
  return (
    <span>
      <span>{label}</span>
      {count !== null && (
        <Text span size="xs" c="dimmed" ml={6} className="facet-count">
          {count}
        </Text>
      )}
    </span>
  );
}

function FilterForm({
  initial,
  columns,
  filter,
  current,
  onApply,
  onRemove,
  onClose,
}: Omit<Props, 'opened' | 'column' | 'onClosed'> & { initial: string | null }) {
  const [name, setName] = useState<string | null>(initial);
  const column = columns.find((c) => c.name === name);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial === null ? undefined : current(initial)));
  const [error, setError] = useState<string | null>(null);
  const op = column === undefined ? null : filterOpOf(column.kind);
  const facet = useFacet(filter, op === 'is' ? (name ?? null) : null, true);

  function apply(event: FormEvent) {
    event.preventDefault();
    if (column === undefined) return setError('Choose a column');
    const filter = filterFromDraft(column, draft);
    if (typeof filter === 'string') return setError(filter);
    onApply(filter);
    onClose();
  }

  return (
    <form onSubmit={apply}>
      <Stack gap="sm">
        <Select
          label="Column"
          searchable
          data={columns.map((c) => ({ value: c.name, label: `${c.label} (${c.group})` }))}
          value={name}
          onChange={(value) => {
            setName(value);
            setDraft(draftOf(value === null ? undefined : current(value)));
            setError(null);
          }}
          allowDeselect={false}
          data-autofocus={op === null || op === 'is' || undefined}
          openOnFocus={false} // focused as the dialog opens; its list opens on typing or ArrowDown
        />
        {op === 'contains' && (
          <TextInput
            label="Contains"
            description="Letters match whatever their case"
            value={draft.text}
            maxLength={200}
            onChange={(event) => setDraft({ ...draft, text: event.currentTarget.value })}
            data-autofocus
          />
        )}
        {op === 'has' && (
          <TextInput
            label="List contains"
            description="One item of the list, exactly as written"
            value={draft.text}
            maxLength={200}
            onChange={(event) => setDraft({ ...draft, text: event.currentTarget.value })}
            data-autofocus
          />
        )}
        {op === 'range' && (
          <Group grow>
            <NumberInput
              label="At least"
              value={draft.min}
              onChange={(min) => setDraft({ ...draft, min })}
              thousandSeparator=","
              data-autofocus
            />
            <NumberInput
              label="At most"
              value={draft.max}
              onChange={(max) => setDraft({ ...draft, max })}
              thousandSeparator=","
            />
          </Group>
        )}
        {op === 'is' && (
          <SegmentedControl
            aria-label="Value"
            data={[
              { value: 'yes', label: <YesNo label="Yes" count={facetCount(facet, true)} /> },
              { value: 'no', label: <YesNo label="No" count={facetCount(facet, false)} /> },
            ]}
            value={draft.value}
            onChange={(value) => setDraft({ ...draft, value: value === 'no' ? 'no' : 'yes' })}
          />
        )}
        {error !== null && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group justify="space-between" mt="xs">
          {name !== null && current(name) !== undefined ? (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                onRemove(name);
                onClose();
              }}
            >
              Remove filter
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Apply filter</Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
