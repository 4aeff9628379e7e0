import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrgRow } from '../../../../shared/domain';
import type { OrgSelection } from '../../../../shared/org-query';
import { BLOCK_ROWS } from './block-store';
import { RowBlocks, type FetchRows } from './row-blocks';

const TOTAL = 1_000_000;
const SCREEN = 30;
const selection: OrgSelection = { sort: 'legal_name', dir: 'asc' };

interface Call {
  start: number;
  columns: string[] | undefined;
  signal: AbortSignal;
  settled: boolean;
  answer: () => Promise<void>;
}

/** A backend that answers only when the test says so, as a slow one would. */
function slowBackend() {
  const calls: Call[] = [];
  const fetchRows: FetchRows = ({ columns }, start, count, signal) =>
    new Promise((resolve) => {
      const call: Call = {
        start,
        columns,
        signal,
        settled: false,
        answer: async () => {
          call.settled = true;
          const rows = Array.from({ length: count }, (_, i) => ({
            organization_id: `org-${start + i}`,
            ...Object.fromEntries((columns ?? []).map((name) => [name, `${name} ${start + i}`])),
          }));
          resolve({ ok: true, value: { start, rows: rows as unknown as OrgRow[], total: TOTAL } });
          await vi.advanceTimersByTimeAsync(0);
        },
      };
      calls.push(call);
    });
  const open = () => calls.filter((c) => !c.settled && !c.signal.aborted);
  return { calls, fetchRows, open };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function started() {
  const backend = slowBackend();
  const blocks = new RowBlocks(backend.fetchRows, () => Date.now());
  blocks.reset(selection);
  await backend.calls[0]?.answer();
  return { backend, blocks };
}

describe('row blocks while the scrollbar thumb is dragged', () => {
  it('asks ahead of the thumb, at most two at once, and aborts what the drag has passed without painting it', async () => {
    const { backend, blocks } = await started();
    const step = 2_800; // a million rows in six seconds, one position per frame
    let first = 0;
    for (let frame = 1; frame <= 40; frame++) {
      vi.advanceTimersByTime(16);
      first = frame * step;
      blocks.show(first, first + SCREEN, 1);
      expect(backend.open().length).toBeLessThanOrEqual(2);
      if (frame > 3) expect(backend.open().some((c) => c.start > first + SCREEN)).toBe(true);
    }
    const passed = backend.calls.filter((c) => c.start > 0 && c.start + BLOCK_ROWS < first - 20 * step);
    expect(passed.length).toBeGreaterThan(0);
    for (const call of passed) {
      expect(call.signal.aborted).toBe(true);
      await call.answer();
      expect(blocks.rowAt(call.start)).toBeUndefined();
      expect(blocks.shownFrom(first, first + SCREEN)).toBe(first);
    }
  });

  it('paints the rows of the block that arrives first near the thumb, and the thumb’s own rows once it stops', async () => {
    const { backend, blocks } = await started();
    const step = 2_800;
    let first = 0;
    for (let frame = 1; frame <= 10; frame++) {
      vi.advanceTimersByTime(16);
      first = frame * step;
      blocks.show(first, first + SCREEN, 1);
    }
    const ahead = backend.open().find((c) => c.start > first);
    expect(ahead).toBeDefined();
    await ahead?.answer();
    // The thumb reaches the answered block's neighbourhood while its own rows are still unread.
    vi.advanceTimersByTime(16);
    first = (ahead?.start ?? 0) + 700;
    blocks.show(first, first + SCREEN, 1);
    const shown = blocks.shownFrom(first, first + SCREEN);
    expect(shown).toBe(ahead?.start);
    expect(blocks.has(shown, shown + SCREEN)).toBe(true);

    // Released there: the rows under the thumb are read and take over.
    await vi.advanceTimersByTimeAsync(1_000);
    const own = backend.open().find((c) => c.start <= first && first < c.start + BLOCK_ROWS);
    expect(own).toBeDefined();
    await own?.answer();
    await backend
      .open()
      .find((c) => c.start <= first + SCREEN && first + SCREEN < c.start + BLOCK_ROWS)
      ?.answer();
    expect(blocks.shownFrom(first, first + SCREEN)).toBe(first);
  });

  it('keeps a drag going when the thumb lands on rows already read', async () => {
    const { backend, blocks } = await started();
    const step = 2_800;
    let first = 0;
    for (let frame = 1; frame <= 10; frame++) {
      vi.advanceTimersByTime(16);
      first = frame * step;
      blocks.show(first, first + SCREEN, 1);
    }
    const ahead = backend.open().find((c) => c.start > first);
    await ahead?.answer();
    vi.advanceTimersByTime(16);
    first = ahead?.start ?? 0;
    blocks.show(first, first + SCREEN, 1);
    expect(blocks.shownFrom(first, first + SCREEN)).toBe(first);
    // The next step leaves a whole screen, yet it is the same drag: the rows just read stand in.
    vi.advanceTimersByTime(16);
    expect(blocks.shownFrom(first + step, first + step + SCREEN)).toBe(first);
  });

  it('aims no further than the last screen, where a drag to the end comes to rest', async () => {
    const { backend, blocks } = await started();
    const end = TOTAL - SCREEN - 1;
    for (let frame = 1, first = 0; first < end; frame++) {
      vi.advanceTimersByTime(16);
      first = Math.min(end, frame * 2_800);
      blocks.show(first, first + SCREEN, 1);
      for (const call of backend.open()) if (call.start < first - 10 * 2_800) await call.answer();
    }
    expect(backend.calls.every((c) => c.start + BLOCK_ROWS <= TOTAL)).toBe(true);
    expect(backend.calls.some((c) => c.start === Math.floor(end / BLOCK_ROWS) * BLOCK_ROWS)).toBe(true);
  });

  it('says a drag is under way (the grid then draws no rows ahead) until the thumb rests, never for jumps', async () => {
    const { backend, blocks } = await started();
    for (let frame = 1; frame <= 10; frame++) {
      vi.advanceTimersByTime(16);
      blocks.show(frame * 2_800, frame * 2_800 + SCREEN, 1);
    }
    expect(blocks.dragging()).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(blocks.dragging()).toBe(false);
    // Jumps, each painted before the next.
    for (let at = 400_000; at <= 440_000; at += 10_000) {
      vi.advanceTimersByTime(150);
      blocks.show(at, at + SCREEN, 1);
      expect(blocks.dragging()).toBe(false);
      for (const call of backend.open()) await call.answer();
    }
  });

  it('shows placeholders rather than other rows after a jump, however soon after the last one', async () => {
    const { backend, blocks } = await started();
    vi.advanceTimersByTime(5_000);
    // Jumps 10,000 rows apart, 150 ms apart, each painted before the next: no drag.
    for (let at = 400_000; at <= 440_000; at += 10_000) {
      vi.advanceTimersByTime(150);
      blocks.show(at, at + SCREEN, 1);
      expect(blocks.shownFrom(at, at + SCREEN)).toBe(at);
      expect(backend.open()[0]?.start).toBe(at);
      for (const call of backend.open()) await call.answer();
    }
  });
});

describe('row blocks drawn ahead', () => {
  it('says up to which row, from the screen towards a row ahead or behind, every row has arrived', async () => {
    const { backend, blocks } = await started();
    blocks.show(0, SCREEN, 1);
    for (const call of backend.open()) await call.answer();
    // Blocks 0 and 1 (rows 0–99) have arrived, block 2 not.
    expect(blocks.has(0, 2 * BLOCK_ROWS - 1)).toBe(true);
    expect(blocks.has(2 * BLOCK_ROWS, 2 * BLOCK_ROWS)).toBe(false);
    expect(blocks.arrivedUntil(SCREEN, 70)).toBe(70);
    expect(blocks.arrivedUntil(SCREEN, 140)).toBe(2 * BLOCK_ROWS - 1);
    expect(blocks.arrivedUntil(40, 0)).toBe(0);
    expect(blocks.arrivedUntil(2 * BLOCK_ROWS + 5, 300)).toBe(2 * BLOCK_ROWS + 5);
  });
});

describe('row blocks and the columns on screen', () => {
  it('reads the columns in sight, again with a column brought into sight, and paints the old rows meanwhile', async () => {
    const backend = slowBackend();
    const blocks = new RowBlocks(backend.fetchRows, () => Date.now());
    blocks.need(['legal_name', 'status']);
    blocks.reset(selection);
    expect(backend.calls.map((c) => c.columns)).toEqual([['legal_name', 'status']]);
    await backend.calls[0]?.answer();
    blocks.show(0, SCREEN, 1);
    expect(blocks.rowAt(3)).toMatchObject({ status: 'status 3' });

    blocks.need(['legal_name', 'status', 'org_air']);
    const again = backend.open().find((c) => c.start === 0);
    expect(again?.columns).toEqual(['legal_name', 'status', 'org_air']);
    expect(blocks.rowAt(3)).not.toHaveProperty('org_air');
    expect(blocks.has(0, SCREEN)).toBe(false);
    await again?.answer();
    expect(blocks.rowAt(3)).toMatchObject({ status: 'status 3', org_air: 'org_air 3' });
    expect(blocks.has(0, SCREEN)).toBe(true);

    // Scrolled back to where it was: nothing is read again.
    const asked = backend.calls.length;
    blocks.need(['legal_name', 'status']);
    expect(backend.calls.length).toBe(asked);
  });

  it('copies columns off screen by reading them first', async () => {
    const backend = slowBackend();
    const blocks = new RowBlocks(backend.fetchRows, () => Date.now());
    blocks.need(['legal_name']);
    blocks.reset(selection);
    await backend.calls[0]?.answer();
    const copied = blocks.rows(0, 9, ['legal_name', 'founding_year']);
    for (const call of backend.open()) {
      expect(call.columns).toEqual(['legal_name', 'founding_year']);
      await call.answer();
    }
    const rows = await copied;
    expect(rows?.[9]).toMatchObject({ legal_name: 'legal_name 9', founding_year: 'founding_year 9' });
  });
});
