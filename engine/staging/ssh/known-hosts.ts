// known_hosts checking (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): a host's key must be listed under its name, plain,
// as a pattern or hashed (|1|salt|hmac-sha1), for port 22 as `host` and for other ports as `[host]:port`.
import { createHmac } from 'node:crypto';
import { hostMatches } from './ssh-config.js';

export interface KnownHostsVerdict {
  readonly ok: boolean;
  readonly known: boolean; // some key is listed for the host (a mismatch, then, when not ok)
}

// The name a host is listed under for `port`.
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

// Whether one host field (comma-separated patterns, or a hashed name) names `name`.
function fieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, digest] = field.split('|');
    if (salt === undefined || digest === undefined) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === digest;
  }
  return hostMatches(name, field.split(','));
}

// Checks the key blob `key` (wire format, as ssh2 passes it) for `host`:`port` against known_hosts texts.
export function checkKnownHost(texts: readonly string[], host: string, port: number, key: Buffer): KnownHostsVerdict {
  const names = [knownHostName(host, port)];
  const blob = key.toString('base64');
  let known = false;
  let listed = false;
  let revoked = false;
  for (const text of texts) {
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const fields = line.split(/\s+/);
      const marker = fields[0]?.startsWith('@') === true ? fields.shift() : undefined;
      const [hosts, , keyData] = fields;
      if (hosts === undefined || keyData === undefined || marker === '@cert-authority') continue;
      if (!names.some((name) => fieldMatches(hosts, name))) continue;
      if (marker === '@revoked') {
        revoked ||= keyData === blob;
        continue;
      }
      known = true;
      listed ||= keyData === blob;
    }
  }
  return { ok: listed && !revoked, known: known || revoked };
}
