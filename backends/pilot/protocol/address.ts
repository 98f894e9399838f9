// Server addresses: `tcp://host:port` (plain) or `tls://host:port` (TLS); a bare `host:port` means tcp.
import { UsageError } from '../../../engine/errors.js';

export interface ServerAddress {
  readonly tls: boolean;
  readonly host: string;
  readonly port: number;
}

export const DEFAULT_PORT = 7878;

// Parses a server URL, naming the bad value.
export function parseServerUrl(url: string): ServerAddress {
  const match = /^(?:(tcp|tls):\/\/)?(\[[^\]]+\]|[^:/\s]+)(?::(\d+))?\/?$/.exec(url.trim());
  if (match === null) {
    throw new UsageError(`Invalid server URL "${url}"`, { hint: 'Write it as tcp://HOST:PORT or tls://HOST:PORT.' });
  }
  const port = match[3] === undefined ? DEFAULT_PORT : Number(match[3]);
  if (port < 1 || port > 65_535) {
    throw new UsageError(`Invalid port ${port} in server URL "${url}"`, { hint: 'Ports run from 1 to 65535.' });
  }
  const host = (match[2] as string).replace(/^\[(.*)\]$/, '$1');
  return { tls: match[1] === 'tls', host, port };
}

// Formats an address as a URL agents can be given.
export function formatServerUrl(address: ServerAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${address.tls ? 'tls' : 'tcp'}://${host}:${address.port}`;
}
