// Refreshes the README's screenshots (e2e/screenshots/): the end-to-end specs that take them, with
// SECTOR_STUDIO_SCREENSHOTS=readme. `npm test` writes its screenshots to test-results/ instead.
import { spawnSync } from 'node:child_process';

const run = spawnSync(
  'npx',
  ['playwright', 'test', 'e2e/flow.spec.ts', 'e2e/organizations.spec.ts', 'e2e/history.spec.ts'],
  {
    stdio: 'inherit',
    env: { ...process.env, SECTOR_STUDIO_SCREENSHOTS: 'readme' },
    shell: process.platform === 'win32',
  },
);
process.exit(run.status ?? 1);
