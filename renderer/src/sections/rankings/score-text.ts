/** Scores as the app shows them everywhere: two decimals. */
export const scoreText = (value: number) => value.toFixed(2);

/** A rank move as the screen says it: ▲ 3 for three places up, ▼ 2 down, = for none. */
export function moveText(before: number, after: number): string {
  const up = before - after;
  if (up === 0) return '=';
  return up > 0 ? `▲ ${up}` : `▼ ${-up}`;
}
