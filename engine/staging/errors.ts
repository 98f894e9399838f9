// Staging errors: each names the URI and a cause a user can act on, with a hint.
import { PipeError, type PipeErrorOptions } from '../errors.js';

export const StagingReason = {
  NotFound: 'not-found',
  Permission: 'permission',
  UnknownHost: 'unknown-host',
  Auth: 'auth',
  HostKey: 'host-key',
  Consent: 'consent',
  Verify: 'verify', // size or checksum mismatch after a transfer
  Scheme: 'scheme', // no stager for the URI's scheme, or a malformed URI
  Cancelled: 'cancelled',
  Transient: 'transient', // network, timeouts, server errors: worth retrying
} as const;
export type StagingReason = (typeof StagingReason)[keyof typeof StagingReason];

// Reasons a retry cannot fix.
const PERMANENT: ReadonlySet<StagingReason> = new Set([
  StagingReason.NotFound,
  StagingReason.Permission,
  StagingReason.UnknownHost,
  StagingReason.Auth,
  StagingReason.HostKey,
  StagingReason.Consent,
  StagingReason.Scheme,
  StagingReason.Cancelled,
]);

// A transfer, stat or listing of `uri` that failed.
export class StagingError extends PipeError {
  override readonly code = 'STAGING';
  readonly uri: string;
  readonly reason: StagingReason;

  constructor(uri: string, reason: StagingReason, detail: string, options: PipeErrorOptions = {}) {
    super(`${uri}: ${detail}`, options);
    this.uri = uri;
    this.reason = reason;
  }

  // Whether trying again may succeed.
  get retryable(): boolean {
    return !PERMANENT.has(this.reason);
  }
}

// The URI as shown in messages: without a password, if one was written into it.
export function showUri(uri: URL | string): string {
  const url = typeof uri === 'string' ? URL.parse(uri) : uri;
  if (url === null) return String(uri);
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '';
  return copy.href;
}

// A Node file-system error as a staging error for `uri`.
export function fromFsError(uri: string, error: unknown): StagingError {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT')
    return new StagingError(uri, StagingReason.NotFound, 'no such file or directory', { cause: error });
  if (code === 'EACCES' || code === 'EPERM')
    return new StagingError(uri, StagingReason.Permission, 'permission denied', {
      cause: error,
      hint: 'check the file mode and owner',
    });
  if (code === 'ABORT_ERR') return new StagingError(uri, StagingReason.Cancelled, 'cancelled', { cause: error });
  return new StagingError(uri, StagingReason.Transient, message, { cause: error });
}
