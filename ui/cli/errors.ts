// How the CLI reports an error: one line with file:line:col and a hint; a stack trace only with --debug.
import { EarlyExit, ExitCode, PipeError, fileSystemError, formatLocation } from '../../engine/errors.js';

// Prints the error to stderr and returns the exit code to leave with.
export function reportError(thrown: unknown, debug: boolean, write: (text: string) => void): ExitCode {
  // A file-system failure that names its file (a full disk, a read-only mount) is the machine's, not a bug.
  const path = (thrown as NodeJS.ErrnoException | null)?.path;
  const syscall = (thrown as NodeJS.ErrnoException | null)?.syscall ?? 'write';
  if (thrown instanceof EarlyExit) return thrown.exitCode;
  const error = typeof path === 'string' ? fileSystemError(thrown, syscall, path) : thrown;
  if (error instanceof PipeError) {
    const where = error.location === undefined ? '' : `${formatLocation(error.location)}: `;
    write(`pipe: error: ${where}${error.message}`);
    if (error.hint !== undefined) write(`  hint: ${error.hint}`);
    if (debug) write(error.stack ?? '');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`pipe: error: ${message}`);
  if (debug) write(error instanceof Error ? (error.stack ?? '') : '');
  else write('  hint: this looks like a bug in pipe; run again with --debug and report the trace');
  return ExitCode.Failed;
}
