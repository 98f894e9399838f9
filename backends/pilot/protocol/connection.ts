// One framed connection over a TCP or TLS socket: send() queues messages and writes them together once per
// turn of the event loop, so a burst of small messages costs one write.
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type ConnectionOptions } from 'node:tls';
import { deferredCaCertificates } from './extra-ca-certs.js';
import type { ServerAddress } from './address.js';
import { createFrameReader, encodeFrame, FrameError } from './frame.js';

export interface Connection<In, Out> {
  readonly remote: string; // "host:port" of the peer, for logs
  send(message: Out): void;
  // Ends the connection after what was sent has been written.
  end(): void;
  destroy(): void;
  readonly closed: boolean;
}

export interface ConnectionHandlers<In> {
  onMessage(message: In): void;
  // Called once, when the socket closes for any reason; `error` says why when it was not a clean close.
  onClose(error?: Error): void;
  // The largest frame accepted now (default MAX_FRAME_BYTES): a server accepts only a small hello from a stranger.
  maxFrameBytes?(): number;
}

// Wraps a connected socket.
export function wrapSocket<In, Out>(socket: Socket, handlers: ConnectionHandlers<In>): Connection<In, Out> {
  let outbox: Buffer[] = [];
  let flushScheduled = false;
  let closed = false;
  let failure: Error | undefined;
  socket.setNoDelay(true);

  const flush = (): void => {
    flushScheduled = false;
    if (closed || outbox.length === 0) return;
    const frames = outbox;
    outbox = [];
    socket.write(frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames));
  };

  const reader = createFrameReader(
    (message) => handlers.onMessage(message as In),
    handlers.maxFrameBytes === undefined ? undefined : () => handlers.maxFrameBytes!(),
  );
  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    try {
      reader.push(chunk);
    } catch (error) {
      failure = error instanceof FrameError ? error : (error as Error);
      socket.destroy();
    }
  });
  socket.on('error', (error) => {
    failure ??= error;
  });
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    handlers.onClose(failure);
  });

  return {
    remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`,
    get closed() {
      return closed;
    },
    send(message) {
      if (closed) return;
      outbox.push(encodeFrame(message));
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    },
    end() {
      flush();
      socket.end();
    },
    destroy() {
      socket.destroy();
    },
  };
}

export interface DialOptions {
  readonly ca?: string | Buffer | undefined; // PEM of the CA (or self-signed certificate) to trust for tls:// (default: Node's store)
  readonly timeoutMs?: number | undefined; // connect timeout (default 10 s)
}

// What a TLS client trusts when told nothing: Node's store (undefined), or, when the executable set
// NODE_EXTRA_CA_CERTS aside (backends/pilot/protocol/extra-ca-certs.ts), Node's bundled roots and that file's certificates.
function defaultCas(): string[] | undefined {
  const extra = deferredCaCertificates();
  return extra === undefined ? undefined : [...rootCertificates, extra];
}

// Opens a socket to the server; resolves once connected (TLS: once the handshake is done).
export function dial(address: ServerAddress, options: DialOptions = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 10_000;
    let socket: Socket;
    const onError = (error: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const onConnect = (): void => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    };
    if (address.tls) {
      // SNI carries host names only (RFC 6066); the certificate is still checked against an IP address.
      const tlsOptions: ConnectionOptions = { host: address.host, port: address.port };
      if (isIP(address.host) === 0) Object.assign(tlsOptions, { servername: address.host });
      const ca = options.ca ?? defaultCas();
      if (ca !== undefined) Object.assign(tlsOptions, { ca });
      socket = tlsConnect(tlsOptions, onConnect);
    } else {
      socket = netConnect({ host: address.host, port: address.port }, onConnect);
    }
    socket.once('error', onError);
    const timer = setTimeout(
      () => onError(new Error(`connecting to ${address.host}:${address.port} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
}
