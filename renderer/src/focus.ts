/** How long a closing dialog may keep the focus before the page is left alone (about half a second). */
const MAX_FRAMES = 30;

/**
 * Puts the focus on `target` when it has fallen to the page itself: after a dialog or menu whose
 * opener is gone (a removed chip, a closed menu's item), the keyboard goes on from a sensible place.
 * It looks from the next frame on: a dialog reports the end of its closing transition while its field
 * still has the focus, and is removed (taking the focus to the page) a moment later, later still on a
 * busy machine.
 */
export function rescueFocus(target: HTMLElement | null): void {
  let frames = 0;
  const look = () => {
    const current = document.activeElement;
    if (current === null || current === document.body || !current.isConnected) target?.focus();
    else if (current.closest('[role="dialog"]') !== null && ++frames < MAX_FRAMES) {
      window.requestAnimationFrame(look);
    }
  };
  window.requestAnimationFrame(look);
}
