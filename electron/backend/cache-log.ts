import { formatCacheEvent, type CacheEvent, type CacheLogEntry } from '../../shared/domain';

const HISTORY = 500;

/** Keeps the last cache events as the service logs them, so a newly opened Cache section has a history. */
export class CacheLog {
  private readonly entries: CacheLogEntry[] = [];
  private seq = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly onEntry: (entry: CacheLogEntry) => void) {}

  record(event: CacheEvent): void {
    if (event.type === 'HIT') this.hits++;
    else if (event.type === 'MISS') this.misses++;
    const entry: CacheLogEntry = { ...event, seq: ++this.seq, message: formatCacheEvent(event) };
    this.entries.push(entry);
    if (this.entries.length > HISTORY) this.entries.shift();
    this.onEntry(entry);
  }

  /** The sequence number of the latest entry (0 before the first). */
  lastSeq(): number {
    return this.seq;
  }

  /**
   * The fetch that a MISS of `key` (after entry `after`) started has finished in `fetchMs`: the entry
   * says so, and goes out again under its own sequence number, replacing the one shown.
   */
  completeMiss(key: string, after: number, fetchMs: number): void {
    const index = this.entries.findIndex(
      (entry) =>
        entry.type === 'MISS' && entry.key === key && entry.seq > after && entry.fetch_ms === undefined,
    );
    const entry = this.entries[index];
    if (entry === undefined) return;
    const completed = { ...entry, fetch_ms: fetchMs };
    this.entries[index] = completed;
    this.onEntry(completed);
  }

  /** Counting starts again from zero ("Reset statistics"); the log itself stays. */
  resetLookups(): void {
    this.hits = 0;
    this.misses = 0;
  }

  /** Lookups the service made, counted from its HIT and MISS events (stats reads do not count). */
  lookups(): { hits: number; misses: number } {
    return { hits: this.hits, misses: this.misses };
  }

  /** Newest first. */
  recent(): CacheLogEntry[] {
    return [...this.entries].reverse();
  }
}
