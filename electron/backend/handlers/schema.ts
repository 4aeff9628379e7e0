import type { BackendContext, FeatureHandlers } from './context';

export function schemaHandlers({
  storage,
  cache,
}: BackendContext): FeatureHandlers<'db:status' | 'schema:init' | 'schema:describe'> {
  return {
    'db:status': async () => ({ ...(await storage.status()), cache }),
    'schema:init': () => storage.migrate(),
    'schema:describe': () => storage.describeSchema(),
  };
}
