/**
 * Browsers cap an element's height (Firefox near 17.9 million pixels, Chromium near 33.5 million),
 * and a million 30-pixel rows is 30 million. Above MAX_SCROLL_HEIGHT the grid's scroll area is
 * compressed: the scrollbar still spans every row (its thumb at the middle shows the middle row),
 * one real pixel stands for `scale` pixels of rows, and the wheel is slowed by the same factor so
 * that it still moves a row per row.
 */
export const MAX_SCROLL_HEIGHT = 16_000_000;

export interface ScrollGeometry {
  /** Height of the content if nothing were compressed. */
  virtualHeight: number;
  /** Height the scroll area really has. */
  realHeight: number;
  /** Virtual pixels per real pixel (1 when nothing is compressed). */
  scale: number;
}

export function scrollGeometry(virtualHeight: number, viewport: number): ScrollGeometry {
  const realHeight = Math.min(virtualHeight, MAX_SCROLL_HEIGHT);
  const scale =
    virtualHeight <= realHeight || realHeight <= viewport
      ? 1
      : (virtualHeight - viewport) / (realHeight - viewport);
  return { virtualHeight, realHeight, scale };
}

/** The virtual offset the grid shows at a real scrollTop, and back. */
export function toVirtual(scrollTop: number, geometry: ScrollGeometry): number {
  return scrollTop * geometry.scale;
}

export function toReal(offset: number, geometry: ScrollGeometry): number {
  return offset / geometry.scale;
}

/**
 * The real top of a row whose virtual top is `start`, while the viewport shows virtual `offset`:
 * rows keep their place relative to the viewport, wherever the compressed scroll area puts it.
 */
export function realTop(start: number, offset: number, geometry: ScrollGeometry): number {
  return start - offset + toReal(offset, geometry);
}

/**
 * The scrollTop that brings virtual [top, bottom) into view below a sticky header of `header`
 * pixels, or null when it is already in view.
 */
export function revealOffset(
  top: number,
  bottom: number,
  offset: number,
  viewport: number,
  header: number,
): number | null {
  if (top < offset + header) return Math.max(0, top - header);
  if (bottom > offset + viewport) return bottom - viewport;
  return null;
}
