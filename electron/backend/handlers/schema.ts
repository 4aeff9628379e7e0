import type { BackendContext, FeatureHandlers } from './context';

export function schemaHandlers({
  storage,
  cacheInfo,
}: BackendContext): FeatureHandlers<'db:status' | 'schema:init' | 'schema:describe'> {
  return {
    'db:status': async () => ({ ...(await storage.status()), cache: cacheInfo() }),
    'schema:init': () => storage.migrate(),
    'schema:describe': () => storage.describeSchema(),
  };
}
