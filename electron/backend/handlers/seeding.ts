import type { SeedResult } from '../../../shared/domain';
import type { BackendContext, FeatureHandlers } from './context';

export function seedingHandlers({
  storage,
  configService,
  defaultAuthor,
}: BackendContext): FeatureHandlers<'seed:sectorsDimensions' | 'seed:weightsCalibrations'> {
  const invalidatedAfter = async (result: SeedResult) => {
    if (result.tables.some((table) => table.added > 0)) await configService.invalidate();
    return result;
  };
  return {
    // A sector added by seeding is missing from a cached `sectors:all`, so either step invalidates.
    'seed:sectorsDimensions': async () => invalidatedAfter(await storage.seedSectorsDimensions()),
    'seed:weightsCalibrations': async () => {
      const { author } = await defaultAuthor();
      return invalidatedAfter(await storage.seedWeightsCalibrations({ author }));
    },
  };
}
