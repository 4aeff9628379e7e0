import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections refused (accepted and closed at once) since the last `cut()`. */
  readonly refused: number;
  /** Drops every open connection and refuses new ones: a network cut between one client and the server. */
  cut(): void;
  /** Forwards new connections again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A loopback proxy to `targetPort`, so that a test can cut one client off a server that others keep
 * using. A refused connection is accepted and closed (not left unanswered), so each reconnection
 * attempt of the client is counted.
 */
export function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  let refused = 0;
  const server = createServer((client) => {
    if (refusing) {
      refused++;
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || address === null) return reject(new Error('no port'));
      resolve({
        port: address.port,
        get refused() {
          return refused;
        },
        cut() {
          refusing = true;
          refused = 0;
          for (const socket of open) socket.destroy();
        },
        restore() {
          refusing = false;
        },
        close() {
          for (const socket of open) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
