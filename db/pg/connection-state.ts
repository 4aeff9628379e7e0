import { AppError } from '../../shared/errors';

/** SQLSTATEs of a server that went away: class 08 (connection exception), shutdowns and start-up. */
const lostStates = /^08|^57P0[123]$/;

/** node-postgres' own connection failures, and the socket errors under them. */
const socketCodes =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EPIPE|EAI_AGAIN)$/;
const clientMessages =
  /^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error|^Client was closed and is not queryable/;

/**
 * Connection strings can carry a password (in the user part, in the query, or as libpq's
 * password=…); what crosses a boundary never does. A URL's query goes whole: its keys may be
 * percent-encoded.
 */
export function withoutCredentials(text: string): string {
  return text
    .replace(/(postgres(?:ql)?:\/\/)[^/\s]*@/gi, '$1')
    .replace(/(postgres(?:ql)?:\/\/[^\s?#]*)[?#]\S*/gi, '$1')
    .replace(/\bpassword\s*=\s*\S+/gi, 'password=***');
}

/** Whether `error` says the server cannot be reached (now), rather than that it refused something. */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if ('severity' in error && /^[0-9A-Z]{5}$/.test(code)) return lostStates.test(code);
  return socketCodes.test(code) || clientMessages.test(error.message);
}

/** The first line of what went wrong, without credentials (an AggregateError of sockets has only a code). */
export function lossReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  return withoutCredentials(error.message.split('\n')[0] || code || error.name);
}

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
