// Staging URIs: which strings name remote data, and how they read as URLs.
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StagingError, StagingReason } from './errors.js';

// Schemes that name data elsewhere (file:// is local).
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

// Whether `text` is a URI with a scheme other than file (scp://host/x, globus://endpoint/x).
export function isRemoteUri(text: string): boolean {
  const match = SCHEME.exec(text);
  return match !== null && match[1]!.toLowerCase() !== 'file';
}

// Parses a staging URI; a malformed one is a StagingError naming it.
export function parseUri(text: string): URL {
  const url = URL.parse(text);
  if (url === null || !SCHEME.test(text))
    throw new StagingError(text, StagingReason.Scheme, 'not a URI', {
      hint: 'write scheme://host/path, e.g. scp://cluster/data/reads.fq',
    });
  return url;
}

// The decoded path of a URL: `/~/x` and `/~` name paths relative to the login's home directory ("x", ".").
export function uriPath(url: URL): string {
  if (url.protocol === 'file:') return fileURLToPath(url);
  const path = decodeURIComponent(url.pathname);
  if (path === '/~' || path === '/~/') return '.';
  if (path.startsWith('/~/')) return path.slice(3);
  return path === '' ? '/' : path;
}

// The last component of a URI's path ('' for a root).
export function uriBasename(url: URL): string {
  return posix.basename(uriPath(url));
}

// The URI of `name` inside the directory `dir`.
export function childUri(dir: URL, name: string): URL {
  const url = new URL(dir.href);
  url.pathname = posix.join(url.pathname.replace(/\/+$/, ''), encodeURIComponent(name));
  return url;
}
