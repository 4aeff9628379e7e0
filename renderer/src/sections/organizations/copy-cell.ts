import { notifications } from '@mantine/notifications';
import { columnLabel } from '../../../../shared/labels';
import type { OrgValue } from '../../../../shared/domain';
import { copyText } from '../../clipboard';
import { cellText } from './cell-text';

/** Copies one cell's value and says what was copied, briefly, without stealing attention. */
export async function copyCell(column: string, value: OrgValue): Promise<void> {
  const label = columnLabel(column);
  if (value === null) {
    notifications.show({ color: 'gray', message: `${label} is empty: nothing copied`, autoClose: 1500 });
    return;
  }
  const text = cellText(value);
  const copied = await copyText(text);
  notifications.show(
    copied
      ? { color: 'indigo', title: `Copied ${label}`, message: text, autoClose: 1500 }
      : { color: 'red', message: 'The clipboard is not available here', autoClose: 3000 },
  );
}
