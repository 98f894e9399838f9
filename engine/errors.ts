// Errors every layer throws: a code to branch on, a message naming the bad value, a hint, a source location.

export const ExitCode = {
  Success: 0,
  Failed: 1, // a task or the workflow failed
  Usage: 2, // usage, configuration or parse error
  Unsupported: 33, // unsupported requirement (cwltest convention)
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface SourceLocation {
  readonly file: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

export interface PipeErrorOptions {
  readonly hint?: string;
  readonly location?: SourceLocation;
  readonly cause?: unknown;
}

// Base of every error pipe reports to a user.
export class PipeError extends Error {
  readonly code: string = 'PIPE_ERROR';
  readonly exitCode: ExitCode = ExitCode.Failed;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;

  constructor(message: string, options: PipeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.location = options.location;
  }
}

// Wrong command-line usage or option values.
export class UsageError extends PipeError {
  override readonly code = 'USAGE';
  override readonly exitCode = ExitCode.Usage;
}

// A workflow or job file that cannot be read or does not parse or validate.
export class ParseError extends PipeError {
  override readonly code = 'PARSE';
  override readonly exitCode = ExitCode.Usage;
}

// Invalid configuration (config files, backend options).
export class ConfigError extends PipeError {
  override readonly code = 'CONFIG';
  override readonly exitCode = ExitCode.Usage;
}

// Another run holds the launch directory.
export class LockError extends PipeError {
  override readonly code = 'LOCKED';
  override readonly exitCode = ExitCode.Usage;
}

// A requirement pipe does not support on this machine.
export class UnsupportedError extends PipeError {
  override readonly code = 'UNSUPPORTED';
  override readonly exitCode = ExitCode.Unsupported;
}

// The store cannot be opened or is inconsistent.
export class StoreError extends PipeError {
  override readonly code = 'STORE';
  override readonly exitCode = ExitCode.Failed;
}

// A file or directory pipe must write cannot be written: a full disk, a read-only mount, missing permissions.
export class FileSystemError extends PipeError {
  override readonly code = 'FILESYSTEM';
  override readonly exitCode = ExitCode.Failed;
}

// What users can do about the usual file-system failures, by errno code.
const FS_HINTS: Readonly<Record<string, string>> = {
  ENOSPC: 'the file system is full: free some space, then continue with --resume',
  EDQUOT: 'the disk quota is exceeded: free some space, then continue with --resume',
  EROFS: 'the file system is mounted read-only: launch from, or point the work dir at, a writable one',
  EACCES: 'check the permissions of that directory',
  EPERM: 'check the permissions of that directory',
};

// A FileSystemError for `error` (a Node system error) met while writing `path`: the path and the errno code, with a
// hint for the usual causes. Other errors pass through.
export function fileSystemError(error: unknown, what: string, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof PipeError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  const detail = (error as Error).message.replace(/^E[A-Z]+: /, '').replace(/, \w+( '.*')?$/, '');
  const hint = FS_HINTS[code];
  return new FileSystemError(
    `cannot ${what} ${path}: ${code} (${detail})`,
    hint === undefined ? { cause: error } : { cause: error, hint },
  );
}

// The workflow asked to stop early with success (`--help`, `exit 0`): nothing to report, exit status 0.
export class EarlyExit extends PipeError {
  override readonly code = 'EARLY_EXIT';
  override readonly exitCode = ExitCode.Success;
}

// Formats "file:line:col" for a location, leaving out what is unknown.
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  }
  return text;
}
