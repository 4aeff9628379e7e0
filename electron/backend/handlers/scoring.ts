import type { BackendContext, FeatureHandlers } from './context';

/**
 * The Org-AI-R scores and the platform parameters. Scores are computed from the database when asked
 * (on SQLite in the reader's thread), never cached, so they are never stale: a change of
 * configuration, parameter, assessment or revenue, in this process or another, shows at the next call.
 */
export function scoringHandlers({
  storage,
  defaultAuthor,
}: BackendContext): FeatureHandlers<
  | 'platform:parameters'
  | 'platform:history'
  | 'platform:updateParameter'
  | 'scores:ranking'
  | 'scores:breakdown'
  | 'scores:whatIf'
> {
  return {
    'platform:parameters': ({ as_of }) => storage.platformParameters(as_of),
    'platform:history': () => storage.platformParameterHistory(),
    'platform:updateParameter': async ({ author, ...edit }) => {
      await storage.updatePlatformParameter({ ...edit, author: author ?? (await defaultAuthor()).author });
      return storage.platformParameters(null);
    },
    'scores:ranking': (request) => storage.sectorRanking(request),
    'scores:breakdown': (request) => storage.scoreBreakdown(request),
    'scores:whatIf': (request) => storage.whatIf(request),
  };
}
