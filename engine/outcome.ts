// Turns a backend's completion into a task state and a reason a user can act on.
import type { JobStatus } from './backend.js';
import type { TaskState } from './task.js';

type Completed = Extract<JobStatus, { state: 'completed' }>;

export interface Outcome {
  readonly state: Extract<TaskState, 'succeeded' | 'failed' | 'cancelled'>;
  readonly reason?: string | undefined;
}

const SIGNALS: Readonly<Record<number, string>> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  6: 'SIGABRT',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  15: 'SIGTERM',
  24: 'SIGXCPU',
  25: 'SIGXFSZ',
};

// The signal name behind a shell exit status above 128, if any.
export function signalOfExit(exitCode: number | null | undefined): string | undefined {
  if (exitCode === null || exitCode === undefined || exitCode <= 128 || exitCode > 128 + 64) return undefined;
  return SIGNALS[exitCode - 128] ?? `signal ${exitCode - 128}`;
}

// Classifies a completion; `cancelRequested` is true when the engine itself asked for the stop.
export function classify(status: Completed, cancelRequested: boolean): Outcome {
  if (status.exitCode === 0) return { state: 'succeeded' };
  if (cancelRequested) return { state: 'cancelled', reason: status.reason ?? 'cancelled' };
  if (status.reason !== undefined) return { state: 'failed', reason: status.reason };
  const signal = status.signal ?? signalOfExit(status.exitCode);
  if (signal === 'SIGKILL')
    return { state: 'failed', reason: 'killed by SIGKILL (out of memory, or killed from outside)' };
  if (signal !== undefined) return { state: 'failed', reason: `killed by ${signal}` };
  if (status.exitCode === 127) return { state: 'failed', reason: 'command not found (exit 127)' };
  if (status.exitCode === null) return { state: 'failed', reason: 'ended without an exit code' };
  return { state: 'failed', reason: `exit code ${status.exitCode}` };
}

// Delay before retry number `attempt` (2, 3, …): doubling from `baseMs`, at most 30 s.
export function retryDelay(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 2), 30_000);
}
