// NODE_EXTRA_CA_CERTS, read only when pipe makes a TLS connection of its own.
//
// Node 20 reads that file, and builds its whole store of root certificates, as every process starts: with a
// system bundle (~140 certificates) that is ~37 ms of CPU before any of pipe's code runs, on every command, though
// few commands make a TLS connection. So the `pipe` and `cwl-runner` executables (whose sh head scripts/bundle.ts
// writes) move the variable to DEFERRED_VARIABLE before they exec node. restoreExtraCaCerts() moves it back, so
// that child processes see the environment as it was, and trustedCas() gives what a TLS client must then trust:
// Node's bundled roots and the file's certificates. Started as `node pipe.cjs`, nothing is deferred.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

export const DEFERRED_VARIABLE = 'PIPE_DEFERRED_NODE_EXTRA_CA_CERTS';

let deferredFile: string | undefined;
let trusted: string[] | undefined;

// Puts NODE_EXTRA_CA_CERTS back into the environment if the executable's head deferred it, and remembers its file.
export function restoreExtraCaCerts(env: NodeJS.ProcessEnv = process.env): void {
  const file = env[DEFERRED_VARIABLE];
  if (file === undefined) return;
  delete env[DEFERRED_VARIABLE];
  if (file === '') return;
  env.NODE_EXTRA_CA_CERTS = file;
  deferredFile = file;
  trusted = undefined;
}

// The certificates a TLS client should trust when the caller names none: undefined when Node's default store is
// already complete, else Node's bundled roots plus the deferred file's. An unreadable file is skipped with the
// warning Node itself gives for one.
export function trustedCas(warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string[] | undefined {
  if (deferredFile === undefined) return undefined;
  if (trusted === undefined) {
    try {
      trusted = [...rootCertificates, readFileSync(deferredFile, 'utf8')];
    } catch (error) {
      warn(`pipe: warning: ignoring extra certs from ${deferredFile}: ${error instanceof Error ? error.message : String(error)}`);
      trusted = [...rootCertificates];
    }
  }
  return trusted;
}
