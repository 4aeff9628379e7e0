import type { BackendContext, FeatureHandlers } from './context';

export function configHandlers({
  storage,
  configService,
}: BackendContext): FeatureHandlers<
  'sectors:list' | 'dimensions:list' | 'config:get' | 'config:updateWeight' | 'config:updateCalibration'
> {
  return {
    'sectors:list': () => storage.configs.listSectors(),
    'dimensions:list': () => storage.configs.listDimensions(),
    'config:get': async ({ focus_group_id }) =>
      (await storage.configs.loadSectorConfig(focus_group_id)).toJSON(),
    'config:updateWeight': (input) => configService.updateWeight(input),
    'config:updateCalibration': (input) => configService.updateCalibration(input),
  };
}
