import { describe, expect, it } from 'vitest';
import { drawnSpan, drawReach, spanWithin, withSpan } from './draw-ahead';
import { HEADER_HEIGHT, ROW_HEIGHT } from './metrics';

const item = (index: number) => {
  const start = HEADER_HEIGHT + index * ROW_HEIGHT;
  return { key: index, index, start, end: start + ROW_HEIGHT, size: ROW_HEIGHT, lane: 0 };
};

describe('drawing the next screen ahead', () => {
  it('keeps the rows in sight and a reach more in the direction of travel, within the result', () => {
    // In steps of 8 rows, so that the rows ahead are redrawn every few rows scrolled.
    expect(drawnSpan(100, 117, 1, 18, 1000)).toEqual({ from: 100, to: 136 });
    expect(drawnSpan(101, 118, 1, 18, 1000)).toEqual({ from: 101, to: 136 });
    expect(drawnSpan(100, 117, -1, 18, 1000)).toEqual({ from: 80, to: 117 });
    expect(drawnSpan(5, 22, -1, 18, 1000)).toEqual({ from: 0, to: 22 });
    expect(drawnSpan(990, 999, 1, 18, 1000)).toEqual({ from: 990, to: 999 });
    expect(drawnSpan(100, 117, 1, 0, 1000)).toEqual({ from: 100, to: 117 });
  });

  it('reaches a screen of rows, or a page of the compressed scrollbar, which moves several', () => {
    const screen = 800 - HEADER_HEIGHT;
    expect(drawReach(800, 1)).toBe(Math.ceil(screen / ROW_HEIGHT));
    expect(drawReach(800, 2)).toBe(Math.ceil((2 * screen) / ROW_HEIGHT));
  });

  it('adds the rows it lacks at their own places, every row in order and once', () => {
    const items = [item(10), item(11), item(12), item(40)];
    const drawn = withSpan(items, { from: 8, to: 14 });
    expect(drawn.map((row) => row.index)).toEqual([8, 9, 10, 11, 12, 13, 14, 40]);
    expect(drawn.find((row) => row.index === 13)).toEqual(item(13));
    expect(withSpan(items, { from: 10, to: 12 })).toBe(items);
    expect(withSpan(items, { from: 1, to: 0 })).toBe(items);
  });

  it('draws nothing of the place a jump left, while the deferred span is still there', () => {
    // A thumb drag from row 100 to row 500 000: no row ahead is wanted, the deferred span is the old one.
    const wanted = drawnSpan(500_000, 500_017, 1, 0, 1_000_000);
    expect(spanWithin({ from: 100, to: 136 }, wanted)).toEqual({ from: 500_000, to: 136 });
    expect(withSpan([item(500_000)], spanWithin({ from: 100, to: 136 }, wanted))).toEqual([item(500_000)]);
    // Scrolling on: what was drawn ahead and is still wanted stays.
    expect(spanWithin({ from: 100, to: 136 }, drawnSpan(104, 121, 1, 18, 1000))).toEqual({
      from: 104,
      to: 136,
    });
  });
});
