import type { OrgValue } from '../../../../shared/domain';

const money = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** Years and codes read wrong with thousands separators. */
function isRawNumber(column: string): boolean {
  return /(_year|_code|_number|_id)$/.test(column);
}

/**
 * One grid cell. Plain elements styled by styles.css rather than Mantine components: a page holds
 * up to 250 rows × 92 columns, and per-cell component overhead is what makes such a grid sluggish.
 */
export function OrgCell({ column, value }: { column: string; value: OrgValue }) {
  if (value === null) {
    return (
      <span className="cell-null" title="NULL">
        —
      </span>
    );
  }
  if (typeof value === 'boolean') {
    return value ? (
      <span className="cell-true" title="true">
        ✓
      </span>
    ) : (
      <span className="cell-false" title="false">
        ✗
      </span>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="cell-null">[ ]</span>;
    return value.map((item) => (
      <span key={item} className="cell-chip">
        {item}
      </span>
    ));
  }
  if (typeof value === 'number') {
    const text = isRawNumber(column)
      ? String(value)
      : column.endsWith('_usd')
        ? money.format(value)
        : decimal.format(value);
    return <span className="cell-number">{text}</span>;
  }
  return value;
}
