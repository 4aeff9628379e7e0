import type { FieldKind, FieldSpec } from '../../shared/org-fields';
import { columnLabel } from '../../shared/labels';
import { AppError } from '../../shared/errors';
import { attributeTables } from './columns';
import { loadReference } from './reference';

/**
 * Bounds the migrations' CHECKs put on numbers beyond their declared types (SQLite 001 and 009,
 * PostgreSQL 001 and 007). The property tests (db/core/org-fields.test.ts and the engines' import
 * tests) hold this table to what each database accepts. A new column with a bound adds it here.
 */
const bounds: Record<string, { min?: number; max?: number }> = {
  employee_count: { min: 0 },
  founding_year: { min: 1600, max: 2100 },
  plant_count: { min: 0 },
  mrm_team_size: { min: 0 },
  model_inventory_count: { min: 0 },
  aum_billions: { min: 0 },
  total_assets_billions: { min: 0 },
  fda_clearance_count: { min: 0 },
  bed_count: { min: 0 },
  github_stars_total: { min: 0 },
  open_source_projects: { min: 0 },
  ai_product_features: { min: 0 },
  store_count: { min: 0 },
  ecommerce_pct: { min: 0, max: 100 },
  loyalty_members: { min: 0 },
  smart_grid_pct: { min: 0, max: 100 },
  generation_capacity_mw: { min: 0 },
  renewable_pct: { min: 0, max: 100 },
  partner_count: { min: 0 },
  professional_staff: { min: 0 },
};

/** PostgreSQL's INTEGER: SQLite's CHECKs (migration 009) keep the same range. */
export const INT4 = { min: -2_147_483_648, max: 2_147_483_647 };
/** PostgreSQL's arrays are VARCHAR(100)[]; SQLite's JSON arrays keep the same limit (migration 009). */
export const ARRAY_ITEM_LENGTH = 100;

function field(
  name: string,
  kind: FieldKind,
  sector: string | null,
  rest: Partial<FieldSpec> = {},
): FieldSpec {
  const bound = bounds[name] ?? {};
  const integer = kind === 'integer';
  return {
    name,
    label: columnLabel(name),
    kind,
    sector,
    required: false,
    editable: true,
    maxLength: kind === 'array' ? ARRAY_ITEM_LENGTH : null,
    min: bound.min ?? (integer ? INT4.min : null),
    max: bound.max ?? (integer ? INT4.max : null),
    below: null,
    scale: null,
    options: null,
    defaultValue: null,
    ...rest,
  };
}

/** A column's field from its declared type as the reference writes it ("varchar(255) not null", "decimal(15,2)"). */
function fromType(name: string, type: string, sector: string | null): FieldSpec {
  const t = type.toLowerCase();
  const required = t.includes('not null');
  const varchar = /varchar\((\d+)\)/.exec(t);
  const decimal = /decimal\((\d+),\s*(\d+)\)/.exec(t);
  const choices = /^([a-z_]+(?:\s*\|\s*[a-z_]+)+)(?:,\s*default\s+([a-z_]+))?/.exec(t);
  if (t === 'uuid') return field(name, 'id', sector, { editable: false });
  if (t.startsWith('timestamp')) return field(name, 'timestamp', sector, { editable: false });
  // The grid shows the sector by its name: "Sector", whichever column holds it.
  if (t.includes('must start with pe_')) {
    return field(name, 'sector', sector, { required: true, label: columnLabel('sector_name') });
  }
  if (choices) {
    const options = (choices[1] ?? '').split('|').map((o) => o.trim());
    return field(name, 'choice', sector, { options, defaultValue: choices[2] ?? null, required: true });
  }
  if (t === 'text[]') return field(name, 'array', sector);
  if (t === 'boolean') return field(name, 'boolean', sector);
  if (t === 'integer') return field(name, 'integer', sector);
  if (decimal) {
    const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
    return field(name, 'decimal', sector, { scale, below: 10 ** (precision - scale) });
  }
  return field(name, 'text', sector, { required, maxLength: varchar ? Number(varchar[1]) : null });
}

let catalog: FieldSpec[] | undefined;

/**
 * Every column an organization row holds, as fields: its own columns, then each sector's attributes,
 * in the reference configuration's order. The view's derived columns (sector_name, sector_code) are
 * not fields: they follow from focus_group_id.
 */
export function organizationFields(): FieldSpec[] {
  catalog ??= [
    ...loadReference().organization_columns.map(([name, type]) => fromType(name, type, null)),
    ...attributeTables().flatMap((table) =>
      table.columns.map((column) => {
        const type = loadReference().attribute_tables[table.table]?.columns.find(
          ([n]) => n === column.name,
        )?.[1];
        return fromType(column.name, type ?? 'text', table.sectorId);
      }),
    ),
  ];
  return catalog;
}

let byName: Map<string, FieldSpec> | undefined;

export function fieldNamed(name: string): FieldSpec | undefined {
  byName ??= new Map(organizationFields().map((f) => [f.name, f]));
  return byName.get(name);
}

/** A field a person may set, or INVALID_INPUT naming what is wrong with the name. */
export function editableField(name: string): FieldSpec {
  const spec = fieldNamed(name);
  if (spec === undefined) throw new AppError('INVALID_INPUT', `Unknown column: ${name}`);
  if (!spec.editable)
    throw new AppError('INVALID_INPUT', `${spec.label} (${name}) is set by the database`, name);
  return spec;
}
