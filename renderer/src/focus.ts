/**
 * Puts the focus on `target` when it has fallen to the page itself: after a dialog or menu whose
 * opener is gone (a removed chip, a closed menu's item), the keyboard goes on from a sensible place.
 * It looks on the next frame: a dialog reports the end of its closing transition while its field still
 * has the focus, and is removed (taking the focus to the page) only after.
 */
export function rescueFocus(target: HTMLElement | null): void {
  window.requestAnimationFrame(() => {
    const current = document.activeElement;
    if (current === null || current === document.body || !current.isConnected) target?.focus();
  });
}
