import { createTheme, type CSSVariablesResolver } from '@mantine/core';

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
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[7],
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[1],
    '--mantine-color-placeholder': t.colors.dark[1],
  },
});
