// The packages of remote schemes, loaded on first use. By require rather than import(): the CLI bundle runs from a V8
// code cache (ui/cli/code-cache.ts), where a dynamic import() of a package outside the bundle fails on Node 20.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

// ssh2, for scp:// and sftp://.
export function ssh2(): typeof import('ssh2') {
  return load('ssh2') as typeof import('ssh2');
}

// @globus/sdk (its CommonJS build), for globus://.
export function globusSdk(): typeof import('@globus/sdk') {
  return load('@globus/sdk') as typeof import('@globus/sdk');
}
