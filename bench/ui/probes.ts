import type { Page } from '@playwright/test';

/**
 * What the UI benchmark measures inside the page. Every time ends at the second animation frame
 * after the change is in the document (the first frame paints it), the same way for the grid and for
 * the plain table it is compared with.
 */

/** Waits until the grid's visible rows have all arrived and one frame has been painted with them. */
export async function waitPainted(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[role="grid"]')?.getAttribute('data-loading') === 'false',
  );
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** Drags the scrollbar to `fraction` of the result; milliseconds until those rows are painted. */
export async function jumpMs(page: Page, fraction: number): Promise<number> {
  return page.evaluate(async (at) => {
    const grid = document.querySelector('[role="grid"]') as HTMLElement;
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    await frame();
    const start = performance.now();
    grid.scrollTop = Math.round((grid.scrollHeight - grid.clientHeight) * at);
    // Rows there are placeholders until their block arrives; the grid says when every one has.
    for (;;) {
      await frame();
      const rows = grid.querySelectorAll('[role="row"][aria-rowindex]').length;
      if (grid.dataset.loading === 'false' && rows > 1) break;
    }
    await frame();
    return performance.now() - start;
  }, fraction);
}

/** Scrolls continuously (a screen every 400 ms) for `ms`; frames per second from rAF timestamps. */
export async function scrollFps(page: Page, ms: number, scroller = '[role="grid"]'): Promise<number> {
  return page.evaluate(
    async ([duration, selector]) => {
      const grid = document.querySelector(selector) as HTMLElement;
      grid.scrollTop = 0;
      const speed = (grid.clientHeight / 400) * (1000 / 60);
      const stamps: number[] = [];
      await new Promise<void>((resolve) => {
        const step = (now: number) => {
          stamps.push(now);
          grid.scrollTop += speed;
          if (now - (stamps[0] ?? now) < duration) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      const seconds = ((stamps.at(-1) ?? 0) - (stamps[0] ?? 0)) / 1000;
      return (stamps.length - 1) / seconds;
    },
    [ms, scroller] as const,
  );
}

export interface ThumbDrag {
  frames: number;
  /** Share of frames that showed placeholder rows. */
  blankShare: number;
  /** p95 of the stretches from a frame with placeholders to the next frame with every row painted. */
  paintP95Ms: number;
  longestBlankMs: number;
  /**
   * Median, over frames without placeholders, of how many rows the first row shown is from the row
   * under the thumb: a drag faster than the reads shows the nearest rows that arrived.
   */
  lagRowsMedian: number;
}

/**
 * The scrollbar's thumb dragged from the top to the bottom of the result at a steady pace over `ms`
 * (one position per animation frame, as a hand on the thumb gives), then released at the bottom.
 */
export async function thumbDrag(page: Page, ms: number): Promise<ThumbDrag> {
  return page.evaluate(async (duration) => {
    const grid = document.querySelector('[role="grid"]') as HTMLElement;
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const loading = () => grid.dataset.loading !== 'false';
    grid.scrollTop = 0;
    while (loading()) await frame();
    const max = grid.scrollHeight - grid.clientHeight;
    const stretches: number[] = [];
    const lags: number[] = [];
    const total = Number(grid.getAttribute('aria-rowcount')) - 1;
    // The rows below the header: the first one and how many (layout reads, once per painted frame).
    const shownRows = () => {
      const top = grid.querySelector('.og-header')?.getBoundingClientRect().bottom ?? 0;
      const bottom = grid.getBoundingClientRect().bottom;
      const seen = [...grid.querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]')]
        .filter((row) => {
          const rect = row.getBoundingClientRect();
          return Number(row.getAttribute('aria-rowindex')) > 1 && rect.top >= top - 1 && rect.top < bottom;
        })
        .map((row) => Number(row.getAttribute('aria-rowindex')) - 2);
      return { first: Math.min(...seen), count: seen.length };
    };
    let frames = 0;
    let blank = 0;
    let blankSince: number | null = null;
    const start = await frame();
    for (let now = start; now - start <= duration; now = await frame()) {
      frames++;
      if (loading()) {
        blank++;
        blankSince ??= now;
      } else {
        const shown = shownRows();
        const thumbRow = Math.round((grid.scrollTop / max) * (total - shown.count));
        lags.push(Math.abs(shown.first - thumbRow));
        if (blankSince !== null) stretches.push(now - blankSince);
        blankSince = null;
      }
      grid.scrollTop = Math.round(max * Math.min(1, (now - start) / duration));
    }
    while (loading()) await frame();
    if (blankSince !== null) stretches.push(performance.now() - blankSince);
    const sorted = [...stretches].sort((a, b) => a - b);
    lags.sort((a, b) => a - b);
    return {
      frames,
      blankShare: frames > 0 ? blank / frames : 0,
      paintP95Ms: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0,
      longestBlankMs: sorted.at(-1) ?? 0,
      lagRowsMedian: lags[Math.floor(lags.length / 2)] ?? 0,
    };
  }, ms);
}
