import type { DemoResetResult } from '../../shared/domain';

/** What a demo reset tells the user, the same on every engine. */
export function demoRestored(organizations: number): DemoResetResult {
  return {
    organizations,
    message: `Demo restored: the seeded configuration and ${organizations.toLocaleString('en-US')} organizations`,
  };
}
