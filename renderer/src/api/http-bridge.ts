import {
  eventNames,
  httpRoutes,
  invokePath,
  type Channel,
  type EventMap,
  type EventName,
  type Input,
  type Output,
} from '../../../shared/contract';
import { isErrorValue, type Result } from '../../../shared/errors';
import type { AppBridge } from './app-bridge';
import { download, downloadOrganizations } from './downloads';
import { pickAndUpload } from './upload';

type Listeners = { [E in EventName]: Set<(payload: EventMap[E]) => void> };

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true ? 'value' in value : 'error' in value && isErrorValue(value.error);
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

/**
 * The AppBridge over the browser host: one POST per call, one EventSource for every event kind, and
 * exports as downloads of the host's routes.
 */
export function createHttpBridge(): AppBridge {
  const listeners: Listeners = {
    'cache:log': new Set(),
    'cache:status': new Set(),
    progress: new Set(),
    'write:busy': new Set(),
  };
  let source: EventSource | null = null;

  function connect(): void {
    if (source !== null) return;
    source = new EventSource(httpRoutes.events);
    for (const name of eventNames) {
      source.addEventListener(name, (event) => {
        const payload: unknown = JSON.parse((event as MessageEvent<string>).data);
        for (const listener of listeners[name]) (listener as (value: unknown) => void)(payload);
      });
    }
  }

  async function invoke<C extends Channel>(
    channel: C,
    input: Input<C>,
    signal?: AbortSignal,
  ): Promise<Result<Output<C>>> {
    let response: Response;
    try {
      response = await fetch(invokePath(channel), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
        signal,
      });
    } catch (error) {
      return failure(`Cannot reach the Sector Studio host: ${String(error)}`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!isResult(body)) return failure(`Unexpected reply from the host (HTTP ${response.status})`);
    return body as Result<Output<C>>;
  }

  function subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    connect();
    const set = listeners[event] as Set<(payload: EventMap[E]) => void>;
    set.add(listener);
    return () => set.delete(listener);
  }

  return {
    invoke,
    subscribe,
    saveOrganizations: (request) => downloadOrganizations(request, subscribe),
    async saveConfiguration(request) {
      download(httpRoutes.configExport.encode(request), '');
      return { ok: true, value: null };
    },
    async saveHistory(request) {
      download(httpRoutes.historyExport.encode(request), '');
      return { ok: true, value: null };
    },
    openImportFile: pickAndUpload,
    rejectedRowsUrl: (importId) => httpRoutes.importRejected.encode({ import_id: importId }),
    async saveViews() {
      download(httpRoutes.viewsExport.encode({}), '');
      return { ok: true, value: null };
    },
    linkTo: (hash) => `${window.location.origin}${window.location.pathname}${hash}`,
  };
}
