/**
 * Copies text to the clipboard. The async Clipboard API needs a secure context and the page's
 * focus; where it is missing or refused, a hidden textarea and execCommand still work.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard !== undefined) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    // Deprecated, but it is the only synchronous copy left where the Clipboard API is unavailable.
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
