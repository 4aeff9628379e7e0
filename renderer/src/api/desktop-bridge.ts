import type { Bridge } from '../../../shared/contract';
import { deepLink } from '../../../shared/deep-link';
import type { AppBridge } from './app-bridge';

/** The AppBridge over Electron's preload bridge: the main process opens the save dialog and writes the file. */
export function createDesktopBridge(preload: Bridge): AppBridge {
  return {
    invoke: (channel, input) => preload.invoke(channel, input),
    subscribe: (event, listener) => preload.subscribe(event, listener),
    async saveOrganizations(request) {
      const result = await preload.invoke('orgs:export', request);
      if (!result.ok) return result;
      const { path, rows, cancelled } = result.value;
      return { ok: true, value: { target: path, rows, cancelled, download: false } };
    },
    saveConfiguration: (request) => preload.invoke('config:export', request),
    saveHistory: (request) => preload.invoke('config:exportHistory', request),
    openImportFile: () => preload.invoke('orgs:importOpen', {}),
    rejectedRowsUrl: () => null,
    saveViews: () => preload.invoke('views:export', {}),
    linkTo: (hash) => deepLink(hash),
  };
}
