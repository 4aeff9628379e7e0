import type { Page } from '@playwright/test';
import { HEADER_HEIGHT, ROW_HEIGHT } from '../../renderer/src/sections/organizations/grid/metrics';

/** Chromium's `scheduler` (not in TypeScript's DOM types yet). */
interface TaskScheduler {
  postTask<T>(task: () => T, options: { priority: 'user-blocking' }): Promise<T>;
}

/**
 * A screen scrolled in the grid against the same rows written as a plain table, timed two ways.
 *
 * - `workMs`: from the change until the main thread has finished the frame that paints it (style,
 *   layout, paint and commit: a user-blocking task posted from that frame's animation callback runs
 *   right after them, before tasks queued earlier such as a deferred render), less the time the page
 *   sat idle between the change and the start of its first frame. The change is made between frames,
 *   where a key press's task runs. Idle waiting for the display's next frame is the same for both
 *   sides and depends only on when the change came, so it is left out.
 * - `framesMs`: the figure before issue 20's fix, kept for comparison: the change made inside an
 *   animation callback, until the second animation frame after it is whole. It counts whole frames
 *   (16.7 ms each at 60 Hz) and starts one frame late for the grid: a scroll made in an animation
 *   callback is announced to the page (its scroll event) only in the next frame, while a table
 *   written there is painted in the same one. It cannot go below two frames, 33.3 ms.
 */
export interface ScreenTime {
  workMs: number;
  framesMs: number;
}

/** Scrolls one screen down; `workMs` until its rows are painted. */
export function screenWorkMs(page: Page): Promise<number> {
  return page.evaluate(
    async ([header, rowHeight]) => {
      const grid = document.querySelector('[role="grid"]') as HTMLElement;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const afterFrame = () =>
        (window as unknown as { scheduler: TaskScheduler }).scheduler.postTask(() => performance.now(), {
          priority: 'user-blocking',
        });
      const total = Number(grid.getAttribute('aria-rowcount')) - 1;
      const virtual = header + total * rowHeight;
      const real = grid.scrollHeight;
      const viewport = grid.clientHeight;
      const scale = virtual > real ? (virtual - viewport) / (real - viewport) : 1;
      // Whole: every row in sight has arrived, and the first of them is the one under the new offset.
      const whole = () => {
        const first = Math.floor((grid.scrollTop * scale) / rowHeight);
        return (
          grid.dataset.loading === 'false' &&
          grid.querySelector(`[role="row"][aria-rowindex="${first + 2}"]`) !== null
        );
      };
      await frame();
      await afterFrame();
      const start = performance.now();
      grid.scrollTop += viewport - header;
      const changed = performance.now();
      let firstFrame: number | null = null;
      for (;;) {
        const begun = await frame();
        firstFrame ??= begun;
        const done = whole();
        const end = await afterFrame();
        if (done) return end - start - Math.max(0, firstFrame - changed);
      }
    },
    [HEADER_HEIGHT, ROW_HEIGHT] as const,
  );
}

/** Scrolls one screen down; `framesMs` until its rows are painted. */
export function screenFramesMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const grid = document.querySelector('[role="grid"]') as HTMLElement;
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    await frame();
    const start = performance.now();
    grid.scrollTop += grid.clientHeight - 62;
    for (;;) {
      await frame();
      if (grid.dataset.loading === 'false') break;
    }
    await frame();
    return performance.now() - start;
  });
}

/**
 * The anchor: the rows the grid shows now, every column of them, written as one plain HTML table via
 * innerHTML into a box of the grid's size, timed both ways. The box is removed afterwards. The rows are
 * those the grid drew before issue 20 (in sight, 4 either side, the active row), not the screen it
 * now draws ahead, so that the anchor stays the table it was.
 */
export async function plainTableTime(page: Page): Promise<ScreenTime> {
  const html = await page.evaluate(() => {
    const grid = document.querySelector('[role="grid"]') as HTMLElement;
    const columns = Number(grid.getAttribute('aria-colcount'));
    const all = [...grid.querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]')].filter(
      (row) => Number(row.getAttribute('aria-rowindex')) > 1,
    );
    // The rows the grid drew before it drew the screen ahead: those in sight, the virtualizer's
    // overscan of 4 either side, and the active cell's row.
    const index = (row: HTMLElement) => Number(row.getAttribute('aria-rowindex')) - 2;
    const view = grid.getBoundingClientRect();
    const top = grid.querySelector('.og-header')?.getBoundingClientRect().bottom ?? view.top;
    const inSight = all.filter((row) => {
      const box = row.getBoundingClientRect();
      return box.bottom > top && box.top < view.bottom;
    });
    const first = Math.min(...inSight.map(index)) - 4;
    const last = Math.max(...inSight.map(index)) + 4;
    const rows = all.filter(
      (row) =>
        (index(row) >= first && index(row) <= last) ||
        row.querySelector('[role="gridcell"][tabindex="0"]') !== null,
    );
    // The same texts the grid shows, repeated across every column of the view.
    const texts = rows.map((row) =>
      [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')].map((c) => c.textContent ?? ''),
    );
    return `<table><tbody>${texts
      .map(
        (cells) =>
          `<tr>${Array.from({ length: columns }, (_, i) => `<td>${cells[i % cells.length] ?? ''}</td>`).join('')}</tr>`,
      )
      .join('')}</tbody></table>`;
  });
  const time = (betweenFrames: boolean) =>
    page.evaluate(
      async ([markup, between]) => {
        const grid = document.querySelector('[role="grid"]') as HTMLElement;
        const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
        const afterFrame = () =>
          (window as unknown as { scheduler: TaskScheduler }).scheduler.postTask(() => performance.now(), {
            priority: 'user-blocking',
          });
        const box = document.createElement('div');
        const rect = grid.getBoundingClientRect();
        box.style.cssText = `position:fixed;left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px;overflow:auto;background:white;z-index:9999;font-size:14px`;
        document.body.appendChild(box);
        await frame();
        let elapsed: number;
        if (between) {
          await afterFrame();
          const start = performance.now();
          box.innerHTML = markup;
          const changed = performance.now();
          const begun = await frame();
          const end = await afterFrame();
          elapsed = end - start - Math.max(0, begun - changed);
        } else {
          const start = performance.now();
          box.innerHTML = markup;
          await frame();
          await frame();
          elapsed = performance.now() - start;
        }
        box.remove();
        return elapsed;
      },
      [html, betweenFrames] as const,
    );
  return { workMs: await time(true), framesMs: await time(false) };
}
