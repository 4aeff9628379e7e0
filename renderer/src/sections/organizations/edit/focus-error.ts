/** Puts the analyst on the first field that says what is wrong (after React has drawn the messages). */
export function focusFirstError(): void {
  requestAnimationFrame(() => {
    const invalid = document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]');
    invalid?.scrollIntoView({ block: 'center' });
    invalid?.focus();
  });
}
