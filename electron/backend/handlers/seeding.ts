import type { BackendContext, FeatureHandlers } from './context';

export function seedingHandlers({
  storage,
  configService,
}: BackendContext): FeatureHandlers<'seed:sectorsDimensions' | 'seed:weightsCalibrations'> {
  return {
    'seed:sectorsDimensions': () => storage.seedSectorsDimensions(),
    'seed:weightsCalibrations': async () => {
      const result = await storage.seedWeightsCalibrations();
      if (result.inserted + result.updated > 0) await configService.invalidate();
      return result;
    },
  };
}
