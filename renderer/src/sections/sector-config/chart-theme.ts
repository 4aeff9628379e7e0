import { useComputedColorScheme, useMantineTheme } from '@mantine/core';
import { CategoryScale, Chart, Filler, LinearScale, LineElement, PointElement } from 'chart.js';
import '../../charts';

// The compare and history charts also draw lines; the shared registration covers bars only.
Chart.register(CategoryScale, LinearScale, LineElement, PointElement, Filler);

/** Seven distinguishable theme colours, one per sector or dimension, in display order. */
const seriesColors = ['indigo', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime'] as const;

export interface ChartColors {
  text: string;
  grid: string;
  series: string[];
  /** The theme's primary colour, for single-series charts. */
  primary: string;
}

/** Chart colours from the Mantine theme, so that the charts follow light and dark mode. */
export function useChartColors(): ChartColors {
  const theme = useMantineTheme();
  const dark = useComputedColorScheme('light') === 'dark';
  const shade = dark ? 4 : 6;
  return {
    text: dark ? theme.colors.dark[0] : theme.colors.gray[7],
    grid: dark ? theme.colors.dark[4] : theme.colors.gray[2],
    series: seriesColors.map((name) => theme.colors[name][shade]),
    primary: (theme.colors[theme.primaryColor] ?? theme.colors.indigo)[shade],
  };
}
