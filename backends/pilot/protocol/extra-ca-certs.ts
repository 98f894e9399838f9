// NODE_EXTRA_CA_CERTS, read only when pipe makes a TLS connection of its own.
//
// Node 20 reads that file, and builds its whole store of root certificates, as every process starts: with a
// system bundle (~140 certificates) that is ~37 ms of CPU before any of pipe's code runs, on every command, though
// few commands make a TLS connection. So the `pipe` and `cwl-runner` executables (whose sh head scripts/bundle.ts
// writes) move the variable to DEFERRED_VARIABLE before they exec node. restoreExtraCaCerts() moves it back, so
// that child processes see the environment as it was, and deferredCaCertificates() gives the file's certificates,
// which a TLS client must then trust beside Node's bundled roots. Started as `node pipe.cjs`, nothing is deferred.
// (This module does not load node:tls, ~6 ms: runs without a TLS connection never need it.)
import { readFileSync } from 'node:fs';

export const DEFERRED_VARIABLE = 'PIPE_DEFERRED_NODE_EXTRA_CA_CERTS';

// Where the warning about an unreadable file goes: the caller's (the command line's stderr), nowhere by default.
export type CaWarn = (line: string) => void;

let deferredFile: string | undefined;
let certificates: string | null | undefined; // the file's PEM once read; null when it could not be
let deferredWarn: CaWarn = () => undefined;

// Puts NODE_EXTRA_CA_CERTS back into the environment if the executable's head deferred it, and remembers its file
// and where to warn should it turn out unreadable.
export function restoreExtraCaCerts(env: NodeJS.ProcessEnv = process.env, warn?: CaWarn): void {
  const file = env[DEFERRED_VARIABLE];
  if (file === undefined) return;
  delete env[DEFERRED_VARIABLE];
  if (file === '') return;
  env.NODE_EXTRA_CA_CERTS = file;
  deferredFile = file;
  certificates = undefined;
  if (warn !== undefined) deferredWarn = warn;
}

// The PEM certificates of the deferred NODE_EXTRA_CA_CERTS file, undefined when nothing was deferred (Node's own
// store then holds them, if any). An unreadable file is skipped with the warning Node itself gives for one, given to
// `warn` (by default the one restoreExtraCaCerts was given).
export function deferredCaCertificates(warn: CaWarn = deferredWarn): string | undefined {
  if (deferredFile === undefined) return undefined;
  if (certificates === undefined) {
    try {
      certificates = readFileSync(deferredFile, 'utf8');
    } catch (error) {
      warn(
        `pipe: warning: ignoring extra certs from ${deferredFile}: ${error instanceof Error ? error.message : String(error)}`,
      );
      certificates = null;
    }
  }
  return certificates ?? undefined;
}
