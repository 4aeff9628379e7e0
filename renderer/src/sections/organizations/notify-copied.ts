import { notifications } from '@mantine/notifications';
import { copyText } from '../../clipboard';

/** Puts a copy from the grid on the clipboard and says so; an empty text is a refusal, `what` says why. */
export function notifyCopied(text: string, what: string): void {
  if (text === '') {
    notifications.show({ color: 'yellow', message: what, autoClose: 3000 });
    return;
  }
  void copyText(text).then((ok) =>
    notifications.show(
      ok
        ? {
            color: 'indigo',
            title: `Copied ${what}`,
            message: text.length > 120 ? `${text.slice(0, 120)}…` : text,
            autoClose: 1500,
          }
        : { color: 'red', message: 'The clipboard is not available here', autoClose: 3000 },
    ),
  );
}
