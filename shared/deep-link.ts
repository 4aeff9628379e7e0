/**
 * The desktop app's links: `sector-studio://organizations?sector=pe_energy&sort=…` opens a window on
 * the page address `#organizations?sector=pe_energy&sort=…`. The operating system hands such a link to
 * the app; the renderer reads the view in it as leniently as any other address.
 */
export const deepLinkScheme = 'sector-studio';

/** Longer links are not views (a view's address is a few hundred characters). */
const MAX_LINK = 8192;

const shape = /^([a-z][a-z-]*)\/?(\?[^#\s]*)?$/i;

/** The link that opens the page at `hash`. */
export function deepLink(hash: string): string {
  return `${deepLinkScheme}://${hash.replace(/^#/, '')}`;
}

/** The page fragment a deep link opens (`organizations?…`, without `#`), or null for anything else. */
export function deepLinkFragment(url: string): string | null {
  const prefix = `${deepLinkScheme}://`;
  if (url.length > MAX_LINK || url.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  const match = shape.exec(url.slice(prefix.length));
  if (match === null || match[1] === undefined) return null;
  return `${match[1].toLowerCase()}${match[2] ?? ''}`;
}
