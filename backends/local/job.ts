// A local job: the reasons the backend ends tasks with, a job's state, and the line its launcher is sent.
import { join, resolve } from 'node:path';
import { WorkDirFile } from '../../engine/workdir/index.js';
import { exportLines } from '../../engine/workdir/shell-quote.js';
import type { JobStatus, PreparedTask } from '../../engine/backend.js';
import { signalOfStatus } from '../common/exit-status.js';
import type { Slot } from './launcher-pool.js';
import type { Measure } from './measure.js';
import { directWords } from './direct-command.js';
import { execLine, TaskKind, taskLine, type LauncherEvent } from './protocol.js';

// The `reason` a completion carries when the backend ended the task.
export const LocalReason = {
  TimeLimit: 'time limit exceeded',
  Cancelled: 'cancelled',
  Killed: 'killed',
  Withdrawn: 'withdrawn before it started',
} as const;

// A submitted task until it completes: queued (no slot), dispatched (slot, no pid) or running (pid).
export interface LocalJob {
  readonly task: PreparedTask;
  readonly signal: AbortSignal;
  line: string; // what the launcher is sent (rewritten when the job is given GPUs)
  slot: Slot<LocalJob> | undefined;
  pid: number | undefined;
  startedAt: number | undefined;
  deadline: number | undefined; // Date.now() at which the time limit expires
  killAt: number | undefined; // Date.now() at which SIGTERM escalates to SIGKILL
  reason: string | undefined;
  signalOnStart: 'SIGTERM' | 'SIGKILL' | undefined; // asked for before the launcher reported the start
  devices?: readonly string[]; // the GPUs it holds (gpu-slots.ts)
  cpuMs?: number; // measured runs: the launcher's figures, reported just before the end
  io?: readonly number[] | undefined; // rchar, wchar, syscr, syscw, read_bytes, write_bytes
}

// Where the launcher keeps a task's stderr: a light task's errFile, a direct task's .command.log (all its output).
export function errFileOf(task: PreparedTask, launchDir: string): string | undefined {
  if (task.direct === true && !task.light) return join(resolve(launchDir, task.workDir!), WorkDirFile.Log);
  return task.errFile === undefined ? undefined : resolve(launchDir, task.errFile);
}

// The launcher line for a task; light tasks get their environment as an `export …;` prefix (or as assignments to
// export when their line runs without sh), work-dir tasks one NAME=VALUE the launcher exports (`exported`: the GPUs
// they hold).
export function jobLine(task: PreparedTask, launchDir: string, exported = ''): string {
  const errFile = errFileOf(task, launchDir);
  if (!task.light)
    return taskLine(
      task.id,
      task.direct === true ? TaskKind.Direct : TaskKind.WorkDir,
      resolve(launchDir, task.workDir!),
      errFile,
      exported,
    );
  const env = exportLines(task.env); // checks the names
  // '.' is the launcher's own cwd, the launch dir.
  const dir = task.workDir === undefined ? '.' : resolve(launchDir, task.workDir);
  const names = Object.keys(task.env ?? {});
  const words = directWords(task.command, resolve(launchDir, dir), task.env?.PATH ?? process.env.PATH, names);
  if (words !== undefined) {
    const assignments = Object.entries(task.env ?? {}).map(([name, value]) => `${name}=${value}`);
    return execLine(task.id, dir, errFile, assignments, words, task.doneLog);
  }
  const command = env.length === 0 ? task.command : `${env.join('; ')}; ${task.command}`;
  return taskLine(task.id, TaskKind.Light, dir, errFile, command, task.doneLog);
}

// The status of a job its launcher reported ended: withdrawn when it never started, else with what it used when
// the backend measures.
export function endedStatus(
  job: LocalJob,
  event: Extract<LauncherEvent, { type: 'ended' }>,
  launchDir: string,
  measure?: Measure,
): Extract<JobStatus, { state: 'completed' }> {
  const { status } = event;
  if (job.pid === undefined)
    return { state: 'completed', exitCode: null, endedAt: event.time, reason: LocalReason.Withdrawn };
  return {
    state: 'completed',
    exitCode: status,
    signal: signalOfStatus(status),
    startedAt: job.startedAt,
    endedAt: event.time,
    reason: status === 0 ? undefined : job.reason,
    errFile: event.errFileWritten ? errFileOf(job.task, launchDir) : undefined,
    resources: measure?.ended(job, event.time),
  };
}

// A job for a task just submitted: queued, with the line its launcher will be sent.
export function newLocalJob(task: PreparedTask, signal: AbortSignal, launchDir: string): LocalJob {
  return {
    task,
    signal,
    line: jobLine(task, launchDir),
    slot: undefined,
    pid: undefined,
    startedAt: undefined,
    deadline: undefined,
    killAt: undefined,
    reason: undefined,
    signalOnStart: undefined,
  };
}

// What poll() says of a job not yet completed: queued until its launcher reports the start, then running.
export function liveStatus(job: LocalJob): JobStatus {
  return job.pid === undefined
    ? { state: 'queued' }
    : { state: 'running', startedAt: job.startedAt, nativeId: String(job.pid) };
}

// The launcher line of a task that holds GPUs: `variable` names them to it.
export function gpuJobLine(
  task: PreparedTask,
  launchDir: string,
  variable: string,
  devices: readonly string[],
): string {
  const value = devices.join(',');
  if (task.light) return jobLine({ ...task, env: { ...task.env, [variable]: value } }, launchDir);
  return jobLine(task, launchDir, `${variable}=${value}`);
}
