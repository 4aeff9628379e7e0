import { BarElement, CategoryScale, Chart, Legend, LinearScale, LogarithmicScale, Tooltip } from 'chart.js';

// Registering only what the two bar charts use keeps chart.js's bundle small.
Chart.register(BarElement, CategoryScale, LinearScale, LogarithmicScale, Tooltip, Legend);
Chart.defaults.font.family = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, sans-serif';
Chart.defaults.color = '#495057';
