/** Height of a data row, in pixels. */
export const ROW_HEIGHT = 32;
const BAND_HEIGHT = 22;
const HEAD_HEIGHT = 40;
/** The sticky header: the band of group labels over the row of column heads. */
export const HEADER_HEIGHT = BAND_HEIGHT + HEAD_HEIGHT;

/** A cell's element id, by which focus finds the active cell once it is rendered (row -1 is the header). */
export const cellId = (row: number, col: number) => `og-cell-${row}-${col}`;
