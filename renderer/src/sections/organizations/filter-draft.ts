import { filterOpOf, type ColumnFilter } from '../../../../shared/org-query';
import type { GridColumn } from './grid-columns';

/** What the analyst has typed so far, for every kind of filter. */
export interface Draft {
  text: string;
  min: string | number;
  max: string | number;
  value: 'yes' | 'no';
}

export function draftOf(filter: ColumnFilter | undefined): Draft {
  return {
    text: filter?.op === 'contains' ? filter.text : filter?.op === 'has' ? filter.item : '',
    min: filter?.op === 'range' ? (filter.min ?? '') : '',
    max: filter?.op === 'range' ? (filter.max ?? '') : '',
    value: filter?.op === 'is' && !filter.value ? 'no' : 'yes',
  };
}

const numberOrNull = (value: string | number) => (value === '' ? null : Number(value));

/** The filter a draft describes, or a sentence saying what is missing. */
export function filterFromDraft(column: GridColumn, draft: Draft): ColumnFilter | string {
  switch (filterOpOf(column.kind)) {
    case 'contains':
      return draft.text.trim() === ''
        ? 'Type the text to look for'
        : { column: column.name, op: 'contains', text: draft.text.trim() };
    case 'has':
      return draft.text.trim() === ''
        ? 'Type the item to look for'
        : { column: column.name, op: 'has', item: draft.text.trim() };
    case 'is':
      return { column: column.name, op: 'is', value: draft.value === 'yes' };
    case 'range': {
      const min = numberOrNull(draft.min);
      const max = numberOrNull(draft.max);
      if (min === null && max === null) return 'Give a minimum, a maximum or both';
      if (min !== null && max !== null && min > max) return 'The minimum is above the maximum';
      return { column: column.name, op: 'range', min, max };
    }
  }
}
