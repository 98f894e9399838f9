// Runs a scheduler command (sbatch, squeue, qdel, …) with a time bound, collecting its output.
import { execFile } from 'node:child_process';

export interface CommandResult {
  readonly exitCode: number; // -1 when it could not start or was killed at the time bound
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

// Runs argv in `cwd`; never rejects: a command that fails to start or times out reports it in the result.
export function runCommand(argv: readonly string[], cwd: string, timeoutMs: number): Promise<CommandResult> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    execFile(
      file!,
      args,
      { cwd, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        const timedOut = failure?.killed === true;
        const exitCode = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : -1;
        const message = failure !== null && typeof failure.code !== 'number' ? `${failure.message}\n` : '';
        resolve({ exitCode: timedOut ? -1 : exitCode, stdout, stderr: `${stderr}${message}`, timedOut });
      },
    );
  });
}

// A one-line description of a failed command, for reasons and errors.
export function describeFailure(argv: readonly string[], result: CommandResult, timeoutMs: number): string {
  const what = `\`${argv.slice(0, 2).join(' ')}\``;
  if (result.timedOut) return `${what} did not answer within ${timeoutMs} ms`;
  const detail = result.stderr.trim().split('\n').at(-1) ?? '';
  return `${what} failed with exit code ${result.exitCode}${detail === '' ? '' : `: ${detail}`}`;
}
