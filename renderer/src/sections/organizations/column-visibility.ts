import { useLocalStorage } from '@mantine/hooks';

/** The group of every column that belongs to no sector: the organization's core columns. */
export const coreGroup = 'Organization';
/** Always shown: it names the row and opens its details. */
export const pinnedColumn = 'legal_name';

export function groupOfColumn(column: string, owners: Map<string, string>): string {
  return owners.get(column) ?? coreGroup;
}

/** Core columns first, then the sectors in the order their columns appear. */
export function columnGroupNames(columns: string[], owners: Map<string, string>): string[] {
  return [coreGroup, ...new Set(columns.flatMap((c) => (owners.has(c) ? [owners.get(c) ?? coreGroup] : [])))];
}

export function visibleColumns(columns: string[], owners: Map<string, string>, hidden: string[]): string[] {
  return columns.filter((c) => c === pinnedColumn || !hidden.includes(groupOfColumn(c, owners)));
}

/** Which column groups the analyst hid, remembered across sessions on this machine. */
export function useHiddenGroups(): [string[], (groups: string[]) => void] {
  const [hidden, setHidden] = useLocalStorage<string[]>({
    key: 'sector-studio:organizations:hidden-column-groups',
    defaultValue: [],
    getInitialValueInEffect: false,
    // A hand-edited or older entry must not break the grid; it just shows everything.
    deserialize: (text) => {
      try {
        const value: unknown = JSON.parse(text ?? '[]');
        return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
      } catch {
        return [];
      }
    },
  });
  return [hidden, setHidden];
}
