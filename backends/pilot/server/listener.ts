// The server's listening socket: plain TCP, or TLS when a certificate and key are given.
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { formatServerUrl } from '../protocol/address.js';
import type { TlsFiles } from './types.js';

export interface Listener {
  readonly url: string;
  close(): Promise<void>;
}

// Listens on host:port (port 0: any free one), calling onSocket for each connection (after the TLS handshake).
export function listen(
  host: string,
  port: number,
  tls: TlsFiles | undefined,
  onSocket: (socket: Socket) => void,
): Promise<Listener> {
  const server: Server =
    tls === undefined ? createNetServer(onSocket) : createTlsServer({ cert: tls.cert, key: tls.key }, onSocket);
  // A failed TLS handshake only concerns that client.
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      resolve({
        url: formatServerUrl({ tls: tls !== undefined, host, port: bound }),
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
