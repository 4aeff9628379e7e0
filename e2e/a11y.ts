import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Runs axe-core on what the page shows now (WCAG 2.2 A and AA rules, which include the 24 px target
 * size, and axe's best practices) and returns its critical and serious violations, each named with its
 * first offending elements. `label-content-name-mismatch` (WCAG 2.5.3: a visible label is part of the
 * accessible name) is experimental in axe, so it is turned on by name.
 */
/**
 * Rules issue 19 measured that axe rates below serious (landmark-no-duplicate-banner, heading-order:
 * moderate; empty-table-header: minor), held at zero too so that they do not come back.
 */
const alsoCounted = new Set(['landmark-no-duplicate-banner', 'heading-order', 'empty-table-header']);

export async function seriousViolations(page: Page, what: string): Promise<string[]> {
  // Sections kept mounted but hidden are checked when they are shown, not on every scan.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .exclude('[hidden]')
    .analyze();
  const found = results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious' || alsoCounted.has(v.id))
    .map(
      (v) =>
        `${what}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes
          .slice(0, 6)
          .map(
            (n) =>
              `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1).join(' ').trim()}]` : ''}`,
          )
          .join(' | ')}`,
    );
  if (found.length > 0) console.log(found.join('\n'));
  return found;
}
