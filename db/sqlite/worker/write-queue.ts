/**
 * One write at a time on a worker's thread: a write that would wait on a lock another of this
 * thread's connections holds would block the thread (SQLite's busy wait sleeps) and then fail, so
 * it waits its turn here instead.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const turn = this.tail.then(work);
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
