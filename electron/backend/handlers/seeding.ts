import type { BackendContext, FeatureHandlers } from './context';

export function seedingHandlers({
  storage,
  configService,
  defaultAuthor,
}: BackendContext): FeatureHandlers<'seed:sectorsDimensions' | 'seed:weightsCalibrations'> {
  return {
    'seed:sectorsDimensions': () => storage.seedSectorsDimensions(),
    'seed:weightsCalibrations': async () => {
      const result = await storage.seedWeightsCalibrations({ author: (await defaultAuthor()).author });
      if (result.inserted + result.updated > 0) await configService.invalidate();
      return result;
    },
  };
}
