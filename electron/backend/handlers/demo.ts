import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { BackendContext, FeatureHandlers } from './context';

export function demoHandlers({
  options,
  storage,
  configService,
}: BackendContext): FeatureHandlers<'demo:status' | 'demo:reset'> {
  const template = options.demoDatabase;
  const available = () => template !== undefined && existsSync(template);
  return {
    'demo:status': () => ({ available: available() }),
    'demo:reset': async () => {
      if (template === undefined || !available()) {
        throw new AppError(
          'NOT_FOUND',
          'No demo database ships with this app: Reset demo needs the installed app',
        );
      }
      const result = await storage.resetDemo(template);
      await configService.invalidate(null);
      return result;
    },
  };
}
