import type { IncomingHttpHeaders } from 'node:http';

/** The names this host answers to; it listens on 127.0.0.1 but browsers may call it localhost. */
function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * Decides whether a request may touch the host. Returns the reason for refusal, or null.
 * - Host: a page on another site that rebinds its DNS name to 127.0.0.1 still sends its own name.
 * - Origin: browsers send it on every cross-origin fetch, POST and EventSource request.
 * - Sec-Fetch-Site: a second opinion from modern browsers, checked for the API only because a
 *   cross-site link to the app's page is a harmless navigation.
 */
export function checkOrigin(headers: IncomingHttpHeaders, port: number, isApi: boolean): string | null {
  const hosts = ownHosts(port);
  if (!hosts.includes(headers.host ?? '')) {
    return `Request refused: Host ${JSON.stringify(headers.host ?? '')} is not this host`;
  }
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) {
    return `Cross-origin request refused: Origin ${JSON.stringify(origin)} is not this host`;
  }
  const site = headers['sec-fetch-site'];
  if (isApi && site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Cross-origin request refused: Sec-Fetch-Site is ${site}`;
  }
  return null;
}
