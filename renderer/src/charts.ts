import { useComputedColorScheme } from '@mantine/core';
import { BarElement, CategoryScale, Chart, Legend, LinearScale, LogarithmicScale, Tooltip } from 'chart.js';
import { useEffect } from 'react';

// Registering only what the two bar charts use keeps chart.js's bundle small.
Chart.register(BarElement, CategoryScale, LinearScale, LogarithmicScale, Tooltip, Legend);
Chart.defaults.font.family = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, sans-serif';

const palettes = {
  light: { text: '#495057', grid: 'rgba(0, 0, 0, 0.1)' },
  dark: { text: '#c9c9c9', grid: 'rgba(255, 255, 255, 0.12)' },
};

/** Every chart's text and grid lines follow the colour scheme, including charts already drawn. */
export function ChartColors(): null {
  const scheme = useComputedColorScheme('light');
  useEffect(() => {
    const palette = palettes[scheme];
    Chart.defaults.color = palette.text;
    Chart.defaults.borderColor = palette.grid;
    for (const chart of Object.values(Chart.instances)) {
      for (const scale of Object.values(chart.options.scales ?? {})) {
        if (scale === undefined) continue;
        if (scale.ticks) scale.ticks.color = palette.text;
        if (scale.grid) scale.grid.color = palette.grid;
      }
      chart.update('none');
    }
  }, [scheme]);
  return null;
}
