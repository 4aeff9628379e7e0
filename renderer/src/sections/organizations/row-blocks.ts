import type { OrgRow } from '../../../../shared/domain';
import type { ErrorValue } from '../../../../shared/errors';
import type { OrgRows, OrgSelection, OrgWindow } from '../../../../shared/org-query';
import { BLOCK_ROWS, BlockStore, blocksOf } from './block-store';
import { DragMotion } from './drag-motion';
/** Requests in flight at once: enough to fill a screen while the next one is prefetched. */
const PARALLEL = 2;
/** No scroll step for this long: the thumb rests (a busy frame may delay a step by 200 ms). */
const REST_MS = 300;

/** A selection and the columns its rows are read with (every one when none are named). */
export type RowRequest = OrgSelection & Pick<OrgWindow, 'columns'>;

export type FetchRows = (
  request: RowRequest,
  start: number,
  count: number,
  signal: AbortSignal,
) => Promise<{ ok: true; value: OrgRows } | { ok: false; error: ErrorValue }>;

export interface BlockSnapshot {
  /** Rows matching the view; null until the first answer. */
  total: number | null;
  /** Bumped whenever rows arrive, so that the grid redraws. */
  version: number;
  error: ErrorValue | null;
}

interface Request {
  done: Promise<void>;
  control: AbortController;
  asked: number;
  /** A guess of the scrolling, which the drag may pass; a copy's reads are never given up. */
  prefetch: boolean;
}

/**
 * The rows of one selection, read in blocks as the grid shows them: the visible blocks first, then
 * the next block in the direction of scrolling. A drag of the thumb too fast for that reads where
 * the thumb will be when the answer comes, gives up reads it has passed, and lets the grid paint the
 * nearest block that arrived (`shownFrom`). A new selection or a refresh drops everything; answers to
 * an older selection are ignored. Rows carry only the columns the grid has shown since (`need`):
 * a column scrolled or brought into sight reads the blocks again, and the rows read before it are
 * painted meanwhile, its cells loading.
 */
export class RowBlocks {
  private blocks = new BlockStore();
  private columns: string[] = [];
  /** The columns on screen; null while nobody has named any (rows carry every column then). */
  private inSight: string[] | null = null;
  private pending = new Map<number, Request>();
  private wanted: number[] = [];
  private inFlight = 0;
  private generation = 0;
  private selection: OrgSelection | null = null;
  private snapshot: BlockSnapshot = { total: null, version: 0, error: null };
  private readonly listeners = new Set<() => void>();
  private readonly motion: DragMotion;
  private lastShown = { first: 0, last: 0, direction: 1 as 1 | -1 };
  private settle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fetchRows: FetchRows,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.motion = new DragMotion(clock);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private emit(change: Partial<BlockSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change, version: this.snapshot.version + 1 };
    for (const listener of this.listeners) listener();
  }

  /** Forgets the rows (painting them until read again, if told) and the reads in flight. */
  private restart(keepPainted: boolean): void {
    this.generation++;
    this.blocks.clear(keepPainted);
    this.giveUpWhere(() => true);
    this.pending.clear();
  }

  /** Starts over with a selection (or the same one, after the data changed). */
  reset(selection: OrgSelection | null): void {
    this.restart(false);
    this.columns = this.inSight ?? [];
    clearTimeout(this.settle);
    this.motion.stop();
    this.wanted = [];
    this.selection = selection;
    this.lastShown = { first: 0, last: 0, direction: 1 };
    this.emit({ error: null });
    // A grid not yet laid out names no column: its first rows are read once it does.
    if (selection !== null && this.inSight?.length !== 0) this.show(0, 0, 1);
  }

  /**
   * The columns the grid shows now (none before it is laid out). Rows are read with every column
   * shown since the selection was set, so that scrolling back and forth sideways reads nothing again.
   */
  need(names: string[]): void {
    this.inSight = names;
    this.readWith(names);
  }

  /** Reads the blocks again when one of these columns has not been read, painting the old rows meanwhile. */
  private readWith(names: string[]): void {
    const missing = names.filter((name) => !this.columns.includes(name));
    if (missing.length === 0) return;
    this.columns = [...this.columns, ...missing];
    if (this.selection === null) return;
    this.restart(true);
    const { first, last, direction } = this.lastShown;
    this.show(first, last, direction);
  }

  /** An organization saved here: its row is replaced wherever it is loaded, without reading again. */
  replace(row: OrgRow): void {
    this.blocks.replace(row);
    this.emit({});
  }

  /** The row to paint at `index`: read with the columns shown, or before one of them was. */
  rowAt(index: number): OrgRow | undefined {
    return this.blocks.paintedRow(index);
  }

  /** Whether the thumb is being dragged faster than the reads (the grid then shows guesses). */
  dragging(): boolean {
    return this.motion.speed() !== 0;
  }

  /** The row nearest `to`, from `row` towards it, up to which every row has arrived (`row` if none). */
  arrivedUntil(row: number, to: number): number {
    const step = to >= row ? 1 : -1;
    let at = row;
    while (at !== to && this.blocks.has(Math.floor((at + step) / BLOCK_ROWS))) {
      const block = Math.floor((at + step) / BLOCK_ROWS);
      at = step > 0 ? Math.min(to, (block + 1) * BLOCK_ROWS - 1) : Math.max(to, block * BLOCK_ROWS);
    }
    return at;
  }

  /** Whether every row in [first, last] has arrived. */
  has(first: number, last: number): boolean {
    for (let b = Math.floor(first / BLOCK_ROWS); b <= Math.floor(last / BLOCK_ROWS); b++) {
      if (!this.blocks.has(b)) return false;
    }
    return true;
  }

  /**
   * The first row to draw for a screen of [first, last]: `first` once those rows are here, or while
   * the grid stands still. During a fast drag whose rows have not arrived, the start of the loaded
   * block nearest to `first` that fills the screen, within the drag's travel in two answers' time.
   */
  shownFrom(first: number, last: number): number {
    const left = this.lastShown;
    const speed =
      first === left.first
        ? this.motion.speed()
        : this.motion.speedAt(first, !this.has(left.first, left.last));
    if (speed === 0 || this.has(first, last)) return first;
    const reach = this.motion.reach(speed);
    const total = this.snapshot.total ?? 0;
    let best = first;
    let nearest = reach;
    for (const block of this.blocks.blocks()) {
      const from = block * BLOCK_ROWS;
      const distance = Math.abs(from - first);
      if (distance > nearest || from + last - first >= total || !this.has(from, from + last - first))
        continue;
      best = from;
      nearest = distance;
    }
    return best;
  }

  /** The rows the grid shows now, and which way it scrolls; older wishes are dropped. */
  show(first: number, last: number, direction: 1 | -1): void {
    const left = this.lastShown;
    const moved = first !== left.first;
    if (moved) this.motion.move(first, !this.has(left.first, left.last));
    this.lastShown = { first, last, direction };
    const speed = this.motion.speed();
    const visible = blocksOf(first, last);
    if (speed === 0) {
      // The next block only once the screen is whole: a jump must not queue behind a guess.
      const ahead = direction > 0 ? Math.floor(last / BLOCK_ROWS) + 1 : Math.floor(first / BLOCK_ROWS) - 1;
      const whole = visible.every((b) => this.blocks.has(b));
      this.wanted = [...visible, ...(whole && ahead >= 0 ? [ahead] : [])];
    } else {
      // Where the thumb will be when an answer asked now comes; each frame aims afresh, so the reads
      // in flight, asked a frame or more apart, cover different stretches of the drag.
      const at = this.motion.aim(first, last - first, this.snapshot.total ?? 0);
      const from = Math.floor(at / BLOCK_ROWS) * BLOCK_ROWS;
      this.wanted = blocksOf(from, from + last - first);
      this.giveUpPassed(first, last, speed);
      // Once the thumb rests (no scroll event says so), its own rows are read before any guess.
      if (moved) {
        clearTimeout(this.settle);
        this.settle = setTimeout(() => this.rest(), REST_MS);
      }
    }
    this.blocks.touch(visible);
    this.pump();
  }

  private rest(): void {
    this.motion.stop();
    const { first, last, direction } = this.lastShown;
    const visible = blocksOf(first, last);
    this.giveUpWhere((block) => !visible.includes(block));
    this.show(first, last, direction);
  }

  /** Reads behind the thumb (in the drag's direction) would arrive too late to be its rows. */
  private giveUpPassed(first: number, last: number, speed: number): void {
    const passed = (block: number) =>
      speed > 0 ? (block + 1) * BLOCK_ROWS <= first : block * BLOCK_ROWS > last;
    for (const asked of this.giveUpWhere(passed)) this.motion.passed(this.clock() - asked);
  }

  /** Aborts the prefetches of the blocks `test` picks (a copy's reads are kept); when each was asked. */
  private giveUpWhere(test: (block: number) => boolean): number[] {
    const asked: number[] = [];
    for (const [block, request] of this.pending) {
      if (!request.prefetch || !test(block)) continue;
      this.pending.delete(block);
      request.control.abort();
      this.inFlight--;
      asked.push(request.asked);
    }
    return asked;
  }

  /**
   * Rows [from, to] with these columns (those shown unless told) for a copy, reading whatever blocks
   * are missing; null if a read failed.
   */
  async rows(from: number, to: number, names: string[] = this.columns): Promise<OrgRow[] | null> {
    this.readWith(names);
    await Promise.all(blocksOf(from, to).map((b) => this.load(b, false)));
    const rows: OrgRow[] = [];
    for (let i = from; i <= to; i++) {
      const row = this.blocks.row(i);
      if (row === undefined) return null;
      rows.push(row);
    }
    return rows;
  }

  private pump(): void {
    while (this.inFlight < PARALLEL && this.wanted.length > 0) {
      const block = this.wanted.shift() as number;
      if (this.blocks.has(block) || this.pending.has(block)) continue;
      const total = this.snapshot.total;
      if (total !== null && block * BLOCK_ROWS >= total && block > 0) continue;
      void this.load(block, true);
    }
  }

  private load(block: number, prefetch: boolean): Promise<void> {
    if (this.blocks.has(block)) return Promise.resolve();
    const running = this.pending.get(block);
    if (running) {
      running.prefetch &&= prefetch;
      return running.done;
    }
    const selection = this.selection;
    if (selection === null) return Promise.resolve();
    const generation = this.generation;
    const control = new AbortController();
    const asked = this.clock();
    this.inFlight++;
    const columns = this.columns.length > 0 ? { columns: this.columns } : {};
    const done = this.fetchRows({ ...selection, ...columns }, block * BLOCK_ROWS, BLOCK_ROWS, control.signal)
      .then((result) => {
        if (generation !== this.generation || control.signal.aborted) return;
        this.motion.answered(this.clock() - asked);
        if (!result.ok) {
          this.emit({ error: result.error });
          return;
        }
        this.blocks.set(block, result.value.rows);
        this.emit({ total: result.value.total, error: null });
      })
      // A read given up may end in the transport's abort error: nobody waits for its answer.
      .catch((error: unknown) => {
        if (!control.signal.aborted) throw error;
      })
      .finally(() => {
        if (!control.signal.aborted) this.inFlight--;
        if (this.pending.get(block)?.control === control) this.pending.delete(block);
        this.pump();
      });
    this.pending.set(block, { done, control, asked, prefetch });
    return done;
  }
}
