import pg from 'pg';
import { z } from 'zod';

const payload = z.object({ sector: z.string().nullable(), origin: z.string() });

export interface ConfigListener {
  close(): Promise<void>;
}

export interface ConfigListenerEvents {
  /** Sectors another writer changed; null stands for every sector. */
  onChange(sectors: (string | null)[]): void;
  /** The listening connection failed or was closed by the server; it is retried with backoff. */
  onLost(error: unknown): void;
  /**
   * LISTEN is in place again after a loss that began at `since`. Notifications sent meanwhile were
   * never delivered, so the receiver must treat every sector as changed.
   */
  onListeningAgain(since: Date): void;
}

/** First retry after this, doubling up to RETRY_MAX: a restart is over in a second or two, an outage is not. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 8_000;

/**
 * LISTENs on sector_studio_config (see migration 002) and reports the sectors other writers
 * changed: every notification whose origin is not this instance's application_name. A lost
 * connection is reconnected with capped exponential backoff, for as long as the listener is open.
 * Resolves once listening (or retrying, when the first connection failed).
 */
export async function listenForConfigChanges(
  url: string,
  applicationName: string,
  events: ConfigListenerEvents,
): Promise<ConfigListener> {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let delay = RETRY_FIRST_MS;
  let lostAt: Date | null = null;

  const connect = async () => {
    const next = new pg.Client({
      connectionString: url,
      application_name: `${applicationName}:listen`,
      // A connection that died without a word (a laptop's network gone) is noticed, not waited on forever.
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    const lost = (error: unknown) => {
      if (closed || client !== next) return;
      client = null;
      lostAt ??= new Date();
      events.onLost(error);
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    };
    next.on('error', lost);
    next.on('end', () => lost(new Error('Connection terminated unexpectedly')));
    next.on('notification', (message) => {
      let parsed;
      try {
        parsed = payload.safeParse(JSON.parse(message.payload ?? 'null'));
      } catch {
        return;
      }
      if (parsed.success && parsed.data.origin !== applicationName) events.onChange([parsed.data.sector]);
    });
    client = next;
    try {
      await next.connect();
      await next.query('LISTEN sector_studio_config');
      delay = RETRY_FIRST_MS;
      if (lostAt !== null && !closed) {
        const since = lostAt;
        lostAt = null;
        events.onListeningAgain(since);
      }
    } catch (error) {
      lost(error);
    }
    if (closed) await next.end().catch(() => {});
  };
  // Listening before the storage is handed out, so that no change after opening goes unseen.
  await connect();

  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
