// The units the engine schedules: resources, task specs produced by steps, and task states.
import type { WrapperOptions } from './workdir/command-run.js';

export const TaskState = {
  Pending: 'pending',
  Submitted: 'submitted',
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Cancelled: 'cancelled',
  Cached: 'cached',
} as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

// States after which an attempt changes no more.
export const FINAL_STATES: ReadonlySet<TaskState> = new Set([
  TaskState.Succeeded,
  TaskState.Failed,
  TaskState.Cancelled,
  TaskState.Cached,
]);

export interface Resources {
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  readonly timeLimitMs?: number | undefined;
  // GPUs the task needs to itself: the backend gives it that many devices (CUDA_VISIBLE_DEVICES / ROCR_VISIBLE_DEVICES).
  readonly gpus?: number | undefined;
}

// Per-task options for a batch scheduler (a DSL's `queue` and `clusterOptions` directives); they override the
// backend's own and are ignored by backends that run tasks on this machine.
export interface SchedulerOptions {
  readonly queue?: string | undefined; // Slurm partition, PBS queue
  readonly account?: string | undefined;
  readonly clusterOptions?: readonly string[] | undefined; // extra directive lines, after the backend's own
}

// One task instance as a step expands it: what to run, and what identifies it for the cache.
export interface TaskSpec {
  readonly id: string; // unique within the run: a line number, a YAML id, "step:index"
  readonly stepId: string;
  readonly index: number; // position within the step, from 0
  readonly command: string; // the shell script
  readonly light: boolean; // runs directly, without a work dir
  readonly resources: Resources;
  readonly retries?: number | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly tag?: string | undefined; // short label shown in progress output
  readonly inputsDigest?: string | undefined; // fingerprint of input files, when the task has any
  readonly occurrence?: number | undefined; // nth identical task of the step, so duplicates keep distinct keys
  readonly scheduler?: SchedulerOptions | undefined;
  readonly hooks?: TaskHooks | undefined; // for formats whose tasks stage inputs and collect outputs (CWL, DSL)
  readonly wrapper?: WrapperOptions | undefined; // how a work-dir task's .command.run runs its script
  // The container the task runs in (image and the engine's id of it): part of its cache key.
  readonly container?: string | undefined;
}

// How an attempt of a task with hooks ended, as its finish hook sees it.
export interface TaskEnd {
  readonly exitCode: number | null;
  readonly workDir: string;
  readonly reused: boolean; // an earlier run's work dir, offered for reuse on resume
  readonly attempt: number; // from 1
}

// A finish hook's decision: whether the attempt succeeded, and why not.
export interface TaskVerdict {
  readonly ok: boolean;
  readonly reason?: string | undefined;
  // A failure the workflow ignores (Nextflow's errorStrategy 'ignore'): recorded failed, never retried, and it
  // neither fails the run nor stops it.
  readonly ignore?: boolean | undefined;
  // A failure not to retry, whatever attempts remain (Nextflow's errorStrategy evaluated to 'terminate').
  readonly final?: boolean | undefined;
}

// Calls from the engine into the format runtime that produced a task (work-dir tasks only).
export interface TaskHooks {
  // Stages inputs into the fresh work dir and returns the script to run there; the command is known only now
  // because it may name the work dir.
  stage?(workDir: string, signal: AbortSignal, attempt: number): Promise<string>;
  // The resources a retry asks for, evaluated for its attempt number (a DSL's `memory { 2.GB * task.attempt }`);
  // undefined keeps the task's own. The engine schedules the retry with them and the backend gets them.
  resourcesFor?(attempt: number): Resources | undefined;
  // Wrapper options known only once stage() has run (a container's run command, which mounts the staged inputs),
  // over the task's own.
  stagedWrapper?(workDir: string): WrapperOptions | undefined;
  // Decides from the exit code and the work dir whether the attempt succeeded, collecting its outputs.
  // Called for every attempt that ran to an exit code, and for a reusable work dir on resume.
  finish?(end: TaskEnd): Promise<TaskVerdict>;
  // Told once when the task reaches its final state (after any retries): succeeded, cached, failed or cancelled.
  settled?(state: TaskState): void;
}

// A task's name as progress output, traces and reports show it: the step's name, then the task's tag or id in
// parentheses (Nextflow's `PROC (tag)`); an id that starts with its step's id carries its own (a .nf task's
// `PROC (2)`), and the one task of a step named by the step's id is the step's name alone.
export function taskDisplayName(stepName: string, stepId: string, taskId: string, tag?: string): string {
  if (taskId === stepId) return stepName;
  if (taskId.startsWith(`${stepId} (`)) return `${stepName}${taskId.slice(stepId.length)}`;
  return `${stepName} (${tag ?? taskId})`;
}
