import {
  createTheme,
  darken,
  Drawer,
  luminance,
  Menu,
  Modal,
  Popover,
  Tooltip,
  type CSSVariablesResolver,
  type MantineTheme,
} from '@mantine/core';

/**
 * Colours chosen for WCAG AA contrast (4.5:1 for text) in light and dark: filled buttons use indigo 7
 * (white on indigo 6 was 4.3:1), and the dimmed text that Mantine draws in gray 6 (3.3:1 on white)
 * is gray 7 in light and dark 1 in dark.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  components: {
    // The focus placeholder Mantine puts first in a menu is a focusable role=presentation child,
    // which a role=menu may not contain; the menu's own keyboard handling does not need it.
    // A menu or popover gives the focus back to its button when it closes, so that after Export › CSV
    // the keyboard is where it was, not at the top of the page.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false, returnFocus: true } }),
    Popover: Popover.extend({ defaultProps: { returnFocus: true } }),
    // Keyboard users see a button's tooltip too.
    Tooltip: Tooltip.extend({ defaultProps: { events: { hover: true, focus: true, touch: false } } }),
    // A dialog's <header> (its title and close button) counted as a second banner landmark beside the
    // app's own: inside a dialog it is no landmark.
    Modal: Modal.extend({
      defaultProps: {
        closeButtonProps: { 'aria-label': 'Close dialog' },
        attributes: { header: { role: 'none' } },
      },
    }),
    Drawer: Drawer.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, attributes: { header: { role: 'none' } } },
    }),
  },
});

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `text` darkened in small steps until it reaches 4.5:1 on `background`. */
function readableOn(text: string, background: string): string {
  let color = text;
  for (let step = 1; contrast(color, background) < 4.6 && step <= 10; step++)
    color = darken(text, step * 0.05);
  return color;
}

/**
 * The `light` variant (badges, active nav links, alerts) in light mode: its background the palest
 * shade and its text the darkest, darkened further where that still falls short of 4.5:1 (teal 6
 * on its default background was 4.3:1, the active nav link 4.1:1, orange 9 on orange 0 3.95:1).
 */
function lightVariants(t: MantineTheme): Record<string, string> {
  return Object.fromEntries(
    Object.entries(t.colors).flatMap(([name, shades]) => [
      [`--mantine-color-${name}-light-color`, readableOn(shades[9] ?? '', shades[0] ?? '')],
      [`--mantine-color-${name}-light`, shades[0] ?? ''],
      [`--mantine-color-${name}-light-hover`, shades[1] ?? ''],
    ]),
  );
}

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[7],
    ...lightVariants(t),
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[1],
    '--mantine-color-placeholder': t.colors.dark[1],
  },
});
