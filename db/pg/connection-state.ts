import { AppError } from '../../shared/errors';
import { isConnectionLoss, lossReason } from '../core/errors';

const clock = (at: Date) => `${at.toISOString().slice(11, 19)} UTC`;

/**
 * Whether one PostgreSQL server is reachable, as the connections to it last found out: lost since
 * the first failure, reached again when a new connection succeeds. Requests are still attempted
 * while it is lost (the pool reconnects on demand), so the first one after a restart succeeds.
 */
export class PgConnectionState {
  private lostAt: Date | null = null;
  private reason = '';

  constructor(
    /** "PostgreSQL at host:port/database" */
    readonly label: string,
    /** What the person can do about it, the end of the UNAVAILABLE sentence. */
    private readonly advice = 'the app reconnects by itself: try again in a moment',
  ) {}

  lost(error: unknown): void {
    if (this.lostAt !== null) return;
    this.lostAt = new Date();
    this.reason = lossReason(error);
  }

  /** A connection succeeded. */
  reached(): void {
    this.lostAt = null;
  }

  /** The one sentence every request answers while the server is away. */
  unavailable(): AppError {
    const since = this.lostAt ?? new Date();
    return new AppError(
      'UNAVAILABLE',
      `${this.label} is unreachable since ${clock(since)} (${this.reason}); ${this.advice}`,
    );
  }

  /** `failure` as the request's answer: a lost connection becomes UNAVAILABLE, the rest passes. */
  failure(failure: unknown): unknown {
    if (!isConnectionLoss(failure)) return failure;
    this.lost(failure);
    return this.unavailable();
  }

  /** A sentence for the log when the server is back. */
  static backAfter(since: Date): string {
    return `PostgreSQL reachable again, away since ${clock(since)}: changes made meanwhile may have gone unheard`;
  }
}
