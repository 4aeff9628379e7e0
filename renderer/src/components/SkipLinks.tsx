import { Button, Group } from '@mantine/core';
import type { MouseEvent } from 'react';
import { sectionHref, type SectionId } from '../navigation';

/** The main area's id, which the skip link moves the focus to. */
export const mainId = 'main-content';

/** The grid's tab stop: its active cell (roving focus), or its first drawn cell. */
function gridStop(): HTMLElement | null {
  const grid = document.querySelector<HTMLElement>(`#${mainId} [role="grid"]`);
  return (
    grid?.querySelector<HTMLElement>('[tabindex="0"]') ?? grid?.querySelector('[role="gridcell"]') ?? null
  );
}

function moveFocus(event: MouseEvent, target: () => HTMLElement | null) {
  // The hash names the section: a skip link must not change it.
  event.preventDefault();
  target()?.focus();
}

/**
 * The first tab stops of every page, shown only while focused: past the header and the navigation to
 * the section's content and, on Organizations, straight into the grid (otherwise 16 stops away).
 */
export function SkipLinks({ active }: { active: SectionId }) {
  return (
    <Group gap="xs" className="skip-links">
      <Button
        component="a"
        href={sectionHref(active)}
        size="xs"
        onClick={(event) => moveFocus(event, () => document.getElementById(mainId))}
      >
        Skip to main content
      </Button>
      {active === 'organizations' && (
        <Button
          component="a"
          href={sectionHref(active)}
          size="xs"
          onClick={(event) => moveFocus(event, gridStop)}
        >
          Skip to the grid
        </Button>
      )}
    </Group>
  );
}
