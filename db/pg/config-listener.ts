import pg from 'pg';
import { z } from 'zod';

const payload = z.object({ sector: z.string().nullable(), origin: z.string() });

export interface ConfigListener {
  close(): Promise<void>;
}

/**
 * LISTENs on sector_studio_config (see migration 002) and reports the sectors other writers
 * changed: every notification whose origin is not this instance's application_name. While the
 * connection is lost, changes may go unseen, so a reconnect reports every sector (null).
 * Resolves once listening (or retrying, when the first connection failed).
 */
export async function listenForConfigChanges(
  url: string,
  applicationName: string,
  onChange: (sectors: (string | null)[]) => void,
): Promise<ConfigListener> {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (reconnecting: boolean) => {
    const next = new pg.Client({ connectionString: url, application_name: `${applicationName}:listen` });
    const lost = () => {
      if (closed || client !== next) return;
      client = null;
      retry = setTimeout(() => void connect(true), 1000);
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      let parsed;
      try {
        parsed = payload.safeParse(JSON.parse(message.payload ?? 'null'));
      } catch {
        return;
      }
      if (parsed.success && parsed.data.origin !== applicationName) onChange([parsed.data.sector]);
    });
    client = next;
    try {
      await next.connect();
      await next.query('LISTEN sector_studio_config');
      if (reconnecting) onChange([null]);
    } catch {
      lost();
    }
    if (closed) await next.end().catch(() => {});
  };
  // Listening before the storage is handed out, so that no change after opening goes unseen.
  await connect(false);

  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
