// Runs a scheduler command (sbatch, squeue, qdel, …) with a time bound, collecting its output. These control
// commands go through execa (its result carries exitCode/timedOut as fields); the trivial-task hot path never
// does (execa costs 2-3x node:child_process per spawn, see docs/architecture.md).
import { execa } from 'execa';

export interface CommandResult {
  readonly exitCode: number; // -1 when it could not start or was killed at the time bound
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

// Runs argv in `cwd`; never rejects: a command that fails to start or times out reports it in the result.
export async function runCommand(argv: readonly string[], cwd: string, timeoutMs: number): Promise<CommandResult> {
  const [file, ...args] = argv;
  const result = await execa(file!, args, {
    cwd,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    stdin: 'ignore',
    stripFinalNewline: false,
    reject: false,
  });
  const started = result.exitCode !== undefined || result.signal !== undefined;
  // A command that could not start (not on PATH, not executable): say why where its stderr would be.
  const why = result.failed && !started && !result.timedOut ? `${result.originalMessage ?? result.shortMessage}\n` : '';
  return {
    exitCode: result.timedOut || result.exitCode === undefined ? -1 : result.exitCode,
    stdout: result.stdout,
    stderr: `${result.stderr}${why}`,
    timedOut: result.timedOut,
  };
}

// A one-line description of a failed command, for reasons and errors.
export function describeFailure(argv: readonly string[], result: CommandResult, timeoutMs: number): string {
  const what = `\`${argv.slice(0, 2).join(' ')}\``;
  if (result.timedOut) return `${what} did not answer within ${timeoutMs} ms`;
  const detail = result.stderr.trim().split('\n').at(-1) ?? '';
  return `${what} failed with exit code ${result.exitCode}${detail === '' ? '' : `: ${detail}`}`;
}
