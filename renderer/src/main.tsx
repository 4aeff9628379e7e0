import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StatusProvider } from './state/status';
import { cssVariablesResolver, theme } from './theme';
import { ChartColors } from './charts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      {/* Bottom right: at the top they covered the header and the section tools. */}
      <Notifications position="bottom-right" />
      <ChartColors />
      <StatusProvider>
        <App />
      </StatusProvider>
    </MantineProvider>
  </StrictMode>,
);
