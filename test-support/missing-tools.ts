import { postgresAvailability } from './pg-server';
import { redisServerAvailability } from './redis-server';

/**
 * Vitest's global setup: says at the start of a run which servers the suites cannot start, so that
 * the tests skipped for it are skipped with their reason in sight (a summary only counts them).
 * Under CI=true a missing server throws here, and the run fails before any test.
 */
export default function reportMissingTools(): void {
  for (const tool of [redisServerAvailability(), postgresAvailability()]) {
    if (!tool.available) console.warn(`warning: ${tool.reason}: the tests that need it are skipped`);
  }
}
