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

  /** Lookups the service made, counted from its HIT and MISS events (stats reads do not count). */
  lookups(): { hits: number; misses: number } {
    return { hits: this.hits, misses: this.misses };
  }

  /** Newest first. */
  recent(): CacheLogEntry[] {
    return [...this.entries].reverse();
  }
}
