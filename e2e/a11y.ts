import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Runs axe-core on what the page shows now (WCAG 2.1 A and AA rules, and axe's best practices) and
 * returns its critical and serious violations, each named with its first offending elements.
 */
export async function seriousViolations(page: Page, what: string): Promise<string[]> {
  // Sections kept mounted but hidden are checked when they are shown, not on every scan.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .exclude('[hidden]')
    .analyze();
  const found = results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${what}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes
          .slice(0, 3)
          .map(
            (n) =>
              `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1).join(' ').trim()}]` : ''}`,
          )
          .join(' | ')}`,
    );
  if (found.length > 0) console.log(found.join('\n'));
  return found;
}
