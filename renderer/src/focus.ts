/**
 * Puts the focus on `target` when it has fallen to the page itself: after a dialog or menu whose
 * opener is gone (a removed chip, a closed menu's item), the keyboard goes on from a sensible place.
 */
export function rescueFocus(target: HTMLElement | null): void {
  const current = document.activeElement;
  if (current === null || current === document.body || !current.isConnected) target?.focus();
}
