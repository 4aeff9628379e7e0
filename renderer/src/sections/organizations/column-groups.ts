import type { FocusGroup, SchemaInfo } from '../../../../shared/domain';
import { coreGroup } from './column-visibility';

export interface ColumnGroup {
  label: string;
  span: number;
}

const attributePrefix = 'org_attributes_';

/**
 * Which sector each attribute column of the unified view comes from, as the schema reports it.
 * A name that several tables share (keys, timestamps) is not attributed to any sector.
 */
export function sectorOfColumn(schema: SchemaInfo, sectors: FocusGroup[]): Map<string, string> {
  const counts = new Map<string, number>();
  const owner = new Map<string, string>();
  for (const object of schema.objects) {
    if (object.type !== 'table') continue;
    const suffix = object.name.startsWith(attributePrefix) ? object.name.slice(attributePrefix.length) : null;
    const sector = sectors.find((s) => s.focus_group_id === `pe_${suffix}`);
    for (const column of object.columns) {
      counts.set(column.name, (counts.get(column.name) ?? 0) + 1);
      if (sector !== undefined) owner.set(column.name, sector.group_name);
    }
  }
  return new Map([...owner].filter(([column]) => counts.get(column) === 1));
}

/** Consecutive columns of one sector form one header group; everything else is the core group. */
export function columnGroups(columns: string[], owners: Map<string, string>): ColumnGroup[] {
  const groups: ColumnGroup[] = [];
  for (const column of columns) {
    const label = owners.get(column) ?? coreGroup;
    const last = groups.at(-1);
    if (last !== undefined && last.label === label) last.span += 1;
    else groups.push({ label, span: 1 });
  }
  return groups;
}
