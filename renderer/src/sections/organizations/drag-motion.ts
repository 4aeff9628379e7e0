/** A scroll step this soon after the previous one continues the same drag, a stalled frame included. */
const DRAG_GAP_MS = 500;
/**
 * Rows per millisecond above which the rows under the thumb cannot be read in time: two thousand rows a
 * second is a screen every quarter frame. Wheel and keyboard scrolling stay far below it.
 */
const FAST_ROWS_PER_MS = 2;
/**
 * While a drag outruns the reads, the rows shown may be two answers' time of the drag's travel away
 * from the thumb (with two reads in flight, the next answer comes within that), at least this much.
 */
const STAND_IN_MS = 250;
/** The furthest ahead a drag's reads aim, however slow the answers. */
const MAX_AIM_MS = 500;
/** The speed is measured over this much of the drag, so that one late or doubled frame does not skew it. */
const WINDOW_MS = 300;

interface Sample {
  at: number;
  row: number;
}

/**
 * How fast, and which way, a drag that outruns the reads moves the grid's first visible row. A step
 * taken once the screen was whole (a jump, however soon after the last one) starts over unless the
 * drag is already under way, so only a drag that leaves screens before their rows arrive counts.
 * With the time answers take, it says where a drag's reads aim and how far a stand-in may be.
 */
export class DragMotion {
  private samples: Sample[] = [];
  private velocity = 0;
  /** Milliseconds from asking for rows to their answer, smoothed: how far ahead a drag's reads aim. */
  private answerMs = 150;

  constructor(private readonly clock: () => number) {}

  /** The first visible row now, and whether the screen it leaves was still waiting for rows. */
  move(row: number, outran: boolean): void {
    [this.samples, this.velocity] = this.step(row, outran);
  }

  /**
   * The speed once the grid takes the step to `row`, not taken yet: the frame that draws a step
   * comes before the grid reports it.
   */
  speedAt(row: number, outran: boolean): number {
    if (row === this.samples.at(-1)?.row) return this.speed();
    const [samples, velocity] = this.step(row, outran);
    return fast(samples.length, velocity);
  }

  private step(row: number, outran: boolean): [Sample[], number] {
    const now = this.clock();
    const last = this.samples.at(-1);
    const turned =
      this.samples.length > 1 && Math.sign(row - (last?.row ?? row)) !== Math.sign(this.velocity);
    // Once fast, a step that happens to leave a whole screen (an aimed read landed under the thumb)
    // does not end the drag; until then it is a jump.
    const going = outran || this.speed() !== 0;
    const kept = last === undefined || !going || turned || now - last.at > DRAG_GAP_MS ? [] : this.samples;
    const samples = [...kept, { at: now, row }];
    while (samples.length > 2 && now - (samples[1]?.at ?? now) >= WINDOW_MS) samples.shift();
    const oldest = samples[0];
    return [samples, oldest !== undefined && now > oldest.at ? (row - oldest.row) / (now - oldest.at) : 0];
  }

  /**
   * The first row the thumb will show when an answer asked now comes, `span` rows to a screen, never
   * past the last screen of `total` (where a drag to the end comes to rest).
   */
  aim(first: number, span: number, total: number): number {
    const at = Math.round(first + this.speed() * this.answerMs);
    return Math.min(Math.max(0, total - span - 1), Math.max(0, at));
  }

  /** How far from the thumb's rows a drag at `speed` may show others. */
  reach(speed: number): number {
    return Math.abs(speed) * Math.max(STAND_IN_MS, 2 * this.answerMs);
  }

  answered(ms: number): void {
    this.answerMs = (this.answerMs + ms) / 2;
  }

  /** A read the thumb passed `ms` after it was asked: the answers take longer than the aim assumed. */
  passed(ms: number): void {
    this.answerMs = Math.min(MAX_AIM_MS, Math.max(this.answerMs, ms));
  }

  /** The drag came to rest. */
  stop(): void {
    this.samples = [];
    this.velocity = 0;
  }

  /** Rows per millisecond (negative upwards) while a fast drag goes on, else 0. */
  speed(): number {
    return fast(this.samples.length, this.velocity);
  }
}

function fast(steps: number, velocity: number): number {
  return steps >= 2 && Math.abs(velocity) >= FAST_ROWS_PER_MS ? velocity : 0;
}
