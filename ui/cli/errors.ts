// How the CLI reports an error: one line with file:line:col and a hint; a stack trace only with --debug.
import { ExitCode, PipeError, formatLocation } from '../../engine/errors.js';

// Prints the error to stderr and returns the exit code to leave with.
export function reportError(error: unknown, debug: boolean, write: (text: string) => void): ExitCode {
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
