// The units the engine schedules: resources, task specs produced by steps, and task states.

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
}
